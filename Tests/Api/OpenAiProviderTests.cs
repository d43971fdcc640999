using OrleansNlp.Tests.Infrastructure;

namespace OrleansNlp.Tests;

/// <summary>The "openai" provider end to end: REST submit, embedded silo, a real HTTP server speaking Chat Completions.</summary>
[Trait(TestCategory.Trait, TestCategory.Api)]
[Collection(LlmWebCollection.Name)]
public sealed class OpenAiProviderTests(LlmWebFixture fixture)
{
    private readonly HttpClient _http = fixture.Factory.CreateClient();

    private FakeOpenAiServer Server => fixture.Server;

    // Three long sentences, so three chunks; only the volcano one is about the instruction below, and it is not first.
    private static string ThreeTopics(string token) => string.Join(' ',
        Sentence($"Cooks in {token} boil pasta in salted water", "stir the tomato sauce with basil and garlic", "grate parmesan over each warm plate"),
        Sentence("Volcanoes erupt when hot magma rises through cracks in the crust", "molten lava pours down the slopes", "ash clouds drift over the crater"),
        Sentence("The goalkeeper dives to stop the penalty kick", "strikers sprint across the muddy football pitch", "fans cheer loudly in the stadium"));

    private static string Sentence(params string[] phrases) =>
        string.Join(", and ", Enumerable.Repeat(phrases, 3).SelectMany(p => p)) + ".";

    [Fact]
    public async Task Job_CompletesWithTheModelsAnswer_AndTheTokenUsageItReported()
    {
        var token = Guid.NewGuid().ToString("N");

        var job = await _http.FinalJobAsync(await _http.SubmitJobAsync($"Tides rise and fall twice a day. {token}", "Explain the tides."));

        Assert.Equal("completed", job.GetProperty("status").GetString());
        var llm = job.GetProperty("result").GetProperty("llm");
        Assert.Equal("openai", llm.GetProperty("provider").GetString());
        Assert.Equal(FakeOpenAiServer.AnsweringModel, llm.GetProperty("model").GetString());
        Assert.Equal(FakeOpenAiServer.Answer, llm.GetProperty("output").GetString());
        Assert.Equal(FakeOpenAiServer.PromptTokens, llm.GetProperty("promptTokens").GetInt32());
        Assert.Equal(FakeOpenAiServer.CompletionTokens, llm.GetProperty("completionTokens").GetInt32());
        Assert.False(job.GetProperty("result").GetProperty("cached").GetBoolean());
        var request = Assert.Single(Server.RequestsWith(token));
        Assert.Equal(LlmWebFixture.ConfiguredModel, request.Model);
    }

    [Fact]
    public async Task Provider429WithRetryAfter_IsRetriedAfterTheDelayItAsked_ThenTheJobCompletes()
    {
        var token = Guid.NewGuid().ToString("N");
        Server.Script(token, FakeReply.Error(429, "Rate limit reached, slow down", retryAfter: "1"));

        var job = await _http.FinalJobAsync(await _http.SubmitJobAsync("Glaciers move slowly downhill.", $"Summarize {token}."));

        Assert.Equal("completed", job.GetProperty("status").GetString());
        var requests = Server.RequestsWith(token);
        Assert.Equal(2, requests.Count);
        var gap = requests[1].ReceivedAt - requests[0].ReceivedAt;
        Assert.True(gap >= TimeSpan.FromMilliseconds(950), $"The retry came {gap.TotalMilliseconds:0} ms after the 429 asking for 1 s.");
        Assert.True(gap < TimeSpan.FromSeconds(5), $"The retry came {gap.TotalMilliseconds:0} ms after the 429 asking for 1 s.");
        // Retried inside the LLM call: the job's stage ran once.
        Assert.Equal((1, 1), job.Attempts());
    }

    [Fact]
    public async Task Provider500_IsRetried_ThenTheJobCompletes()
    {
        var token = Guid.NewGuid().ToString("N");
        Server.Script(token, FakeReply.Error(500, "The server had an error while processing your request"));

        var job = await _http.FinalJobAsync(await _http.SubmitJobAsync("Bees make honey from nectar.", $"Summarize {token}."));

        Assert.Equal("completed", job.GetProperty("status").GetString());
        Assert.Equal(2, Server.RequestsWith(token).Count);
        Assert.Equal((1, 1), job.Attempts());
    }

    [Fact]
    public async Task Provider400_FailsTheJobAtOnce_WithTheProvidersMessage()
    {
        var token = Guid.NewGuid().ToString("N");
        const string message = "Invalid value for 'model': this model does not exist";
        Server.Script(token, FakeReply.Error(400, message));

        var job = await _http.FinalJobAsync(await _http.SubmitJobAsync("Owls hunt at night.", $"Summarize {token}."));

        Assert.Equal("failed", job.GetProperty("status").GetString());
        Assert.Equal("llm", job.GetProperty("stage").GetString());
        var error = job.GetProperty("error").GetString();
        Assert.Contains(message, error);
        Assert.Contains("400", error);
        Assert.Single(Server.RequestsWith(token));
        Assert.Equal((1, 1), job.Attempts());
    }

    [Fact]
    public async Task LlmApiKey_IsSentAsABearerToken_ButNeverLoggedNorReturned()
    {
        var token = Guid.NewGuid().ToString("N");
        Server.Script(token, FakeReply.Error(401, "Incorrect API key provided"));

        var job = await _http.FinalJobAsync(await _http.SubmitJobAsync("Keys stay secret.", $"Summarize {token}."));

        Assert.Equal($"Bearer {LlmWebFixture.ApiKey}", Assert.Single(Server.RequestsWith(token)).Authorization);
        Assert.Equal("failed", job.GetProperty("status").GetString());
        Assert.DoesNotContain(LlmWebFixture.ApiKey, job.GetRawText());
        Assert.DoesNotContain(fixture.Factory.Logs.Lines, line => line.Contains(LlmWebFixture.ApiKey));
    }

    [Fact]
    public async Task ProviderAlways503_RetriesAreBounded_ThenTheJobFailsSayingWhy()
    {
        var token = Guid.NewGuid().ToString("N");
        Server.Script(token, Enumerable.Repeat(FakeReply.Error(503, "Service overloaded"), 50).ToArray());

        var job = await _http.FinalJobAsync(await _http.SubmitJobAsync("Comets have icy tails.", $"Summarize {token}."));

        Assert.Equal("failed", job.GetProperty("status").GetString());
        Assert.Contains("503", job.GetProperty("error").GetString());
        Assert.Contains("Service overloaded", job.GetProperty("error").GetString());
        // Each stage attempt makes 1 + Llm:MaxRetries calls; the stage runs 1 + Jobs:StageRetries times.
        var expected = (1 + LlmWebFixture.LlmRetries) * (1 + LlmWebFixture.StageRetries);
        Assert.Equal(expected, Server.RequestsWith(token).Count);
        Assert.Equal(1 + LlmWebFixture.StageRetries, job.Attempts().Llm);
    }

    [Fact]
    public async Task Prompt_HoldsTheInstructionAndTheMostRelevantChunk_NotAnIrrelevantOne_WhenTheBudgetIsTight()
    {
        // Digits only: embedders see words, so these ids cannot sway the ranking (hex ids would add letter runs).
        var token = Random.Shared.NextInt64(100_000_000_000, 999_999_999_999).ToString();
        var marker = Random.Shared.NextInt64(100_000_000_000, 999_999_999_999).ToString();
        var instruction = $"Why do volcanoes erupt magma and lava? (request {token})";

        var job = await _http.FinalJobAsync(await _http.SubmitJobAsync(ThreeTopics(marker), instruction));

        Assert.Equal("completed", job.GetProperty("status").GetString());
        Assert.Equal(3, job.GetProperty("result").GetProperty("embedding").GetProperty("chunks").GetInt32());
        var prompt = Assert.Single(Server.RequestsWith(token)).Prompt;
        Assert.Contains(instruction, prompt);
        Assert.True(prompt.Contains("hot magma rises", StringComparison.Ordinal), prompt);
        Assert.DoesNotContain("goalkeeper", prompt);
        Assert.DoesNotContain(marker, prompt);
    }

    [Fact]
    public async Task Prompt_WithoutAnInstruction_UsesTheDefaultOne()
    {
        var token = Guid.NewGuid().ToString("N");

        var job = await _http.FinalJobAsync(await _http.SubmitJobAsync($"Lighthouses guide ships along rocky coasts. {token}"));

        Assert.Equal("completed", job.GetProperty("status").GetString());
        var prompt = Assert.Single(Server.RequestsWith(token)).Prompt;
        Assert.Contains("Summarize the text in 2-3 sentences.", prompt);
        Assert.Contains("Lighthouses guide ships", prompt);
    }
}
