using OrleansNlp.Analysis.Vader;
using OrleansNlp.Tests.Infrastructure;

namespace OrleansNlp.Tests;

[Trait(TestCategory.Trait, TestCategory.Unit)]
public sealed class VaderLexiconTests
{
    [Fact]
    public void ShippedLexicon_IsCopiedToTheOutput_WithItsPublishedEntries()
    {
        var lexicon = VaderLexicon.Load(VaderLexicon.DefaultPath);

        // 7,517 lines, 14 tokens listed twice (see models/vader-lexicon/PROVENANCE.md).
        Assert.Equal(7_503, lexicon.Count);
        Assert.True(lexicon.TryGetValence("good", out var good));
        Assert.Equal(1.9, good);
        Assert.True(lexicon.TryGetValence(":)", out var smiley));
        Assert.Equal(2.0, smiley);
        Assert.False(lexicon.TryGetValence("not", out _));
    }

    [Fact]
    public void TokenListedTwice_KeepsItsLastValence()
    {
        var lexicon = VaderLexicon.Parse(["lol\t2.9\t0.83\t[4, 2]", "", "lol\t1.8\t1.47\t[1, 3]"]);

        Assert.Equal(1, lexicon.Count);
        Assert.True(lexicon.TryGetValence("lol", out var lol));
        Assert.Equal(1.8, lol);
    }

    [Fact]
    public void MalformedLine_IsRefused_NamingItsLineNumber()
    {
        var error = Assert.Throws<InvalidDataException>(() => VaderLexicon.Parse(["good\t1.9", "bad\tvery"]));

        Assert.Contains("line 2", error.Message);
    }
}
