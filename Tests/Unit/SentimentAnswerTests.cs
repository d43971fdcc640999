using OrleansNlp.Llm;
using OrleansNlp.Models;
using OrleansNlp.Tests.Infrastructure;

namespace OrleansNlp.Tests.Unit;

[Trait(TestCategory.Trait, TestCategory.Unit)]
public sealed class SentimentAnswerTests
{
    [Fact]
    public void A_valid_answer_gives_the_output_and_an_llm_sentiment()
    {
        var (output, sentiment) = SentimentAnswer.Parse("""{"output": " Ein Satz. ", "sentiment": {"label": "Negative", "score": -0.62}}""");

        Assert.Equal("Ein Satz.", output);
        Assert.Equal(new TextSentiment("negative", -0.62, "llm"), sentiment);
    }

    [Fact]
    public void An_answer_in_a_code_fence_is_read()
    {
        var (output, sentiment) = SentimentAnswer.Parse("```json\n{\"output\": \"x\", \"sentiment\": {\"label\": \"neutral\", \"score\": 0}}\n```");

        Assert.Equal("x", output);
        Assert.Equal("neutral", sentiment.Label);
    }

    [Theory]
    [InlineData("just prose, no JSON")]
    [InlineData("""{"output": "x"}""")]
    [InlineData("""{"output": "x", "sentiment": {"label": "happy", "score": 0.5}}""")]
    [InlineData("""{"output": "x", "sentiment": {"label": "positive", "score": 3}}""")]
    [InlineData("""{"output": "x", "sentiment": {"label": "positive", "score": "high"}}""")]
    [InlineData("""[1, 2]""")]
    public void A_malformed_answer_is_a_transient_failure(string answer)
    {
        var failure = Assert.Throws<LlmProviderException>(() => SentimentAnswer.Parse(answer));

        Assert.True(failure.IsTransient);
        Assert.StartsWith("The LLM's answer was not the JSON asked for", failure.Message);
    }

    [Fact]
    public void The_instruction_names_the_language()
    {
        var instruction = SentimentAnswer.Instruction(new TextLanguage("de", "German", 0.9, []));

        Assert.Contains("written in German", instruction);
        Assert.Contains("\"sentiment\"", instruction);
    }
}
