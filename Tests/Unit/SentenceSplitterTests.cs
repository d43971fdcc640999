using OrleansNlp.Tests.Infrastructure;
using OrleansNlp.Text;

namespace OrleansNlp.Tests;

/// <summary>The sentence splitter's rules, one at a time (each input is split where the '|' marks stand).</summary>
[Trait(TestCategory.Trait, TestCategory.Unit)]
public sealed class SentenceSplitterTests
{
    private static void AssertSplit(string marked)
    {
        var expected = marked.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(expected, SentenceSplitter.Split(marked.Replace("|", "")));
    }

    [Theory]
    [InlineData("Cats sleep. | Dogs bark! | Do birds sing? | Yes.")]
    [InlineData("One sentence without a terminator")]
    [InlineData("Trailing spaces.   ")]
    public void Terminators_FollowedBySpace_EndASentence(string marked) => AssertSplit(marked);

    [Fact]
    public void BlankLine_EndsASentence_ASingleLineBreakDoesNot()
    {
        Assert.Equal(["A heading", "The body goes on\nover two lines."], SentenceSplitter.Split("A heading\n\n  The body goes on\nover two lines."));
        Assert.Equal(["Windows", "lines."], SentenceSplitter.Split("Windows\r\n\r\nlines."));
    }

    [Theory]
    [InlineData("Dr. Smith met Mr. Jones and Mrs. Brown. | They talked.")]
    [InlineData("Prof. Lee vs. Gen. Grant: approx. 40 people came on Jan. 5. | It rained.")]
    [InlineData("Smith et al. (2020) found it. | Others did not.")]
    [InlineData("DR. WHO arrived. | He left.")]
    public void KnownAbbreviations_DoNotEndASentence(string marked) => AssertSplit(marked);

    [Theory]
    [InlineData("The U.S. Army grew. | It had to.")]
    [InlineData("He has a Ph.D. In physics. | Really.")]
    [InlineData("Bring fruit, e.g. apples, i.e. something sweet. | Thanks.")]
    [InlineData("We open at 9 a.m. Every day. | Come.")]
    public void DottedAbbreviations_DoNotEndASentence(string marked) => AssertSplit(marked);

    [Theory]
    [InlineData("J. R. R. Tolkien wrote it. | John F. Kennedy read it.")]
    [InlineData("See No. 5 and Fig. 3 here. | The answer was No. | Then we left.")]
    [InlineData("1. Apples are red. | 2. Pears are green. | There were 2. | Then 3.")]
    public void Initials_NumberPrefixes_AndListNumbers_DoNotEndASentence(string marked) => AssertSplit(marked);

    [Theory]
    [InlineData("Pi is 3.14 and it cost $2.5 million. | Visit example.com today.")]
    [InlineData("Version 1.2.3 shipped. | Good.")]
    public void Decimals_AndDotsInsideWords_DoNotEndASentence(string marked) => AssertSplit(marked);

    [Theory]
    [InlineData("Wait... what happened? | I thought... | Then it rained…")]
    [InlineData("Really?! | Yes!!! | Fine.")]
    public void Ellipses_AndRunsOfTerminators_EndASentenceBeforeACapital(string marked) => AssertSplit(marked);

    [Theory]
    [InlineData("He said \"Stop.\" | Then he left.")]
    [InlineData("(See the figure.) | Next one.")]
    [InlineData("“Why?” she asked. | ‘Because.’ | He smiled.")]
    [InlineData("He left. | \"Why?\" she asked.")]
    public void QuotesAndBrackets_AfterTheTerminator_StayWithItsSentence(string marked) => AssertSplit(marked);

    [Theory]
    [InlineData("Bring a coat, e.g. the blue one. | Thanks!")]
    [InlineData("\"Stop!\" she said. | He stopped.")]
    public void ALowerCaseNextWord_ContinuesTheSentence(string marked) => AssertSplit(marked);

    [Theory]
    [InlineData("今天天气很好。|我们去公园吧！|你来吗？|好。")]
    [InlineData("他说：“你好。”|然后走了。")]
    [InlineData("東京は大きい｡|人が多い｡")]
    [InlineData("هل أنت بخير؟ | نعم، شكرا.")]
    [InlineData("مرحبا بك۔ | یہ اردو ہے۔")]
    [InlineData("मैं घर जा रहा हूँ। | तुम कहाँ हो?")]
    [InlineData("यह पहला है॥|यह दूसरा है।")]
    public void NonLatinTerminators_EndASentence_WithOrWithoutASpace(string marked) => AssertSplit(marked);

    [Theory]
    [InlineData("Cats sleep. Dogs bark.")]
    [InlineData("今天天气很好。我们去公园吧！")]
    [InlineData("他说：“你好。”然后走了。")]
    public void Join_OfTheSentences_GivesBackASingleSpacedText(string text) =>
        Assert.Equal(text, SentenceSplitter.Join(SentenceSplitter.Split(text)));

    [Fact]
    public void Chunks_SplitBackIntoTheSameSentences()
    {
        var text = "Dr. Smith met Mr. Jones. The U.S. economy grew 2.5 percent. 今天天气很好。我们去公园吧！ "
            + string.Join(' ', TestCorpus.Sentences(30)) + " “Why?” she asked. Fine.";
        var sentences = SentenceSplitter.Split(text);

        var chunks = TextChunker.Chunk(text, maxTokens: 40, countTokens: piece => piece.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length);

        Assert.True(chunks.Count > 3, $"{chunks.Count} chunks");
        Assert.Equal(sentences, chunks.SelectMany(SentenceSplitter.Split));
        Assert.Contains("今天天气很好。我们去公园吧！", string.Concat(chunks));
    }

    [Fact]
    public void EmptyOrWhiteText_HasNoSentences()
    {
        Assert.Empty(SentenceSplitter.Split(""));
        Assert.Empty(SentenceSplitter.Split(" \n\n\t "));
    }
}
