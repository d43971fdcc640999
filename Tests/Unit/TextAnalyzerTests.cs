using OrleansNlp.Models;
using OrleansNlp.Tests.Infrastructure;
using OrleansNlp.Text;

namespace OrleansNlp.Tests;

[Trait(TestCategory.Trait, TestCategory.Unit)]
public sealed class TextAnalyzerTests
{
    [Fact]
    public void Analyze_RemovesStopWords_AndBreaksTiesAlphabetically()
    {
        var analysis = TextAnalyzer.Analyze("Apples and bananas. Apples, cherries; APPLES! Bananas? Dates and the elderberries, figs.");

        Assert.Equal(9, analysis.WordCount);
        Assert.Equal(
            [new WordCount("apples", 3), new WordCount("bananas", 2), new WordCount("cherries", 1), new WordCount("dates", 1), new WordCount("elderberries", 1)],
            analysis.TopWords);
    }

    [Fact]
    public void Words_SplitOnEveryNonLetter()
    {
        Assert.Equal(["don", "t", "stop", "e", "mail", "x", "y", "café"], TextAnalyzer.Words("Don't stop: e-mail x2y Café").ToArray());
    }

    [Fact]
    public void Analyze_TextOfOnlyStopWordsAndDigits_HasNoWords()
    {
        var analysis = TextAnalyzer.Analyze("It is what it is, 42 times.");

        Assert.Equal(1, analysis.WordCount);
        Assert.Equal([new WordCount("times", 1)], analysis.TopWords);
    }

    [Fact]
    public void Analyze_CountsTheSameWordsAsContentWords()
    {
        var longWord = new string('w', 100);
        var text = string.Join(' ', TestCorpus.Sentences(40)) + $" Ünïcödé ÉTÉ été {longWord} {longWord.ToUpperInvariant()} naïve—naïve";
        var words = TextAnalyzer.ContentWords(text).ToArray();
        var expected = words
            .GroupBy(word => word)
            .OrderByDescending(group => group.Count()).ThenBy(group => group.Key, StringComparer.Ordinal)
            .Take(TextAnalyzer.TopWordCount)
            .Select(group => new WordCount(group.Key, group.Count()));

        var analysis = TextAnalyzer.Analyze(text);

        Assert.Equal(words.Length, analysis.WordCount);
        Assert.Equal(expected, analysis.TopWords);
        Assert.Contains(new WordCount(longWord, 2), TextAnalyzer.Analyze($"{longWord} {longWord.ToUpperInvariant()}").TopWords);
    }

    [Theory]
    [InlineData(JobStatus.Pending, JobStatus.Processing, true)]
    [InlineData(JobStatus.Pending, JobStatus.Cancelled, true)]
    [InlineData(JobStatus.Processing, JobStatus.Completed, true)]
    [InlineData(JobStatus.Processing, JobStatus.Failed, true)]
    [InlineData(JobStatus.Pending, JobStatus.Completed, true)] // a result served from the cache
    [InlineData(JobStatus.Completed, JobStatus.Processing, false)]
    [InlineData(JobStatus.Completed, JobStatus.Cancelled, false)]
    [InlineData(JobStatus.Cancelled, JobStatus.Completed, false)]
    [InlineData(JobStatus.Failed, JobStatus.Pending, false)]
    public void Transitions_OnlyLegalMovesAreAllowed(JobStatus from, JobStatus to, bool allowed)
    {
        Assert.Equal(allowed, from.CanMoveTo(to));
    }
}
