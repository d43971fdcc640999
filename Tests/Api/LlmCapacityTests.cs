using OrleansNlp.Tests.Infrastructure;

namespace OrleansNlp.Tests;

/// <summary>A silo whose LLM capacity is one call: waiting for that slot must not count against the stage time limit.</summary>
[Trait(TestCategory.Trait, TestCategory.Api)]
public sealed class LlmCapacityTests : IAsyncLifetime
{
    private FakeOpenAiServer _server = null!;
    private LlmWebFactory _factory = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeOpenAiServer.StartAsync();
        _factory = new LlmWebFactory(new Dictionary<string, string>
        {
            ["Llm:Provider"] = "openai",
            ["Llm:Endpoint"] = _server.Endpoint,
            ["Llm:Model"] = "capacity-model",
            ["Llm:MaxConcurrencyPerSilo"] = "1",
            ["Jobs:StageTimeout"] = "00:00:02",
            ["Jobs:RetryBaseDelay"] = "00:00:00.050",
        });
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task AJobQueuedBehindASlowCall_IsNotTimedOutByItsWait()
    {
        var http = _factory.CreateClient();
        var first = Random.Shared.NextInt64(100_000_000_000, 999_999_999_999).ToString();
        var second = Random.Shared.NextInt64(100_000_000_000, 999_999_999_999).ToString();
        var call = TimeSpan.FromMilliseconds(1200);
        _server.Script(first, FakeReply.SlowSuccess(call));
        _server.Script(second, FakeReply.SlowSuccess(call));

        var firstJob = await http.SubmitJobAsync($"Glaciers carve deep valleys over many centuries. {first}", $"What do glaciers do? {first}");
        await Wait.UntilAsync(() => Task.FromResult(_server.RequestsWith(first).Count), n => n == 1, TimeSpan.FromSeconds(30), "the first call to hold the only slot");
        var secondJob = await http.SubmitJobAsync($"Rivers carry sand down to the sea. {second}", $"What do rivers do? {second}");

        // The second job waits ~1.2 s for the slot, then its own call takes 1.2 s: 2.4 s in all, over the 2 s limit.
        var firstDone = await http.FinalJobAsync(firstJob);
        var secondDone = await http.FinalJobAsync(secondJob);

        Assert.Equal("completed", firstDone.GetProperty("status").GetString());
        Assert.Equal("completed", secondDone.GetProperty("status").GetString());
        Assert.Equal(1, secondDone.Attempts().Llm);
        Assert.Single(_server.RequestsWith(second));
    }
}
