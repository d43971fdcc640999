using System.Text.Json;
using OrleansNlp.Tests.Infrastructure;

namespace OrleansNlp.Tests;

/// <summary>A text the built-in analyzer does not cover (not English) gets its sentiment from the LLM stage, in the same
/// call as the output, as validated JSON; English text keeps VADER and a plain call.</summary>
[Collection(LlmWebCollection.Name)]
[Trait(TestCategory.Trait, TestCategory.Api)]
public sealed class LlmSentimentTests(LlmWebFixture fixture)
{
    private const string German =
        "Das neue Museum in der Altstadt ist wunderbar. Die Ausstellung über die Geschichte der Stadt begeistert die Besucher, " +
        "und die Führungen sind lebendig und gut erklärt.";

    private readonly HttpClient _http = fixture.Factory.CreateClient();

    private FakeOpenAiServer Server => fixture.Server;

    // Digits, which language detection skips: a Guid's letters can tip a short text into another language (the English
    // text below, with a Guid, was once detected as Latin).
    private static string Token() => Random.Shared.NextInt64(1_000_000_000_000, 9_999_999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_German_text_gets_the_llm_sentiment_and_output_from_one_structured_call()
    {
        var token = Token();

        var job = await _http.FinalJobAsync(await _http.SubmitJobAsync($"{German} {token}"));

        Assert.Equal("completed", job.Status());
        var result = job.GetProperty("result");
        Assert.Equal("de", result.GetProperty("language").GetProperty("code").GetString());
        Assert.Equal(FakeOpenAiServer.Answer, result.GetProperty("llm").GetProperty("output").GetString());
        var sentiment = result.GetProperty("sentiment");
        Assert.Equal(("positive", FakeOpenAiServer.SentimentScore, "llm"),
            (sentiment.GetProperty("label").GetString(), sentiment.GetProperty("score").GetDouble(), sentiment.GetProperty("method").GetString()));
        var request = Assert.Single(Server.RequestsWith(token));
        Assert.Equal(Llm.SentimentAnswer.SchemaName, request.Schema);
        Assert.Contains("written in German", request.Prompt);
    }

    [Fact]
    public async Task A_malformed_structured_answer_is_retried_then_the_job_completes()
    {
        var token = Token();
        Server.Script(token, FakeReply.Content("Gerne! Die Stimmung ist positiv."));

        var job = await _http.FinalJobAsync(await _http.SubmitJobAsync($"{German} {token}"));

        Assert.Equal("completed", job.Status());
        Assert.Equal("llm", job.GetProperty("result").GetProperty("sentiment").GetProperty("method").GetString());
        Assert.Equal(2, Server.RequestsWith(token).Count);
    }

    [Fact]
    public async Task An_English_text_keeps_vader_and_asks_the_model_for_plain_text()
    {
        var token = Token();

        var job = await _http.FinalJobAsync(await _http.SubmitJobAsync($"The new museum is wonderful and the guides are great. {token}"));

        var result = job.GetProperty("result");
        Assert.Equal("en", result.GetProperty("language").GetProperty("code").GetString());
        Assert.Equal("vader", result.GetProperty("sentiment").GetProperty("method").GetString());
        Assert.Equal("positive", result.GetProperty("sentiment").GetProperty("label").GetString());
        Assert.Null(Assert.Single(Server.RequestsWith(token)).Schema);
        Assert.Equal(JsonValueKind.String, result.GetProperty("llm").GetProperty("output").ValueKind);
    }
}
