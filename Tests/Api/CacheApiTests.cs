using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OrleansNlp.Tests.Infrastructure;

namespace OrleansNlp.Tests;

/// <summary>The result cache through REST in embedded mode (in memory), counting provider calls at the fake server.</summary>
[Trait(TestCategory.Trait, TestCategory.Api)]
[Collection(LlmWebCollection.Name)]
public sealed class CacheApiTests(LlmWebFixture fixture)
{
    private readonly HttpClient _http = fixture.Factory.CreateClient();

    private FakeOpenAiServer Server => fixture.Server;

    [Fact]
    public async Task ResubmittedJob_CompletesFromTheCache_WithoutCallingTheProvider_AndStatsCountIt()
    {
        Assert.Equal(HttpStatusCode.NoContent, (await _http.DeleteAsync("/api/cache")).StatusCode);
        var token = Guid.NewGuid().ToString("N");
        var text = $"Penguins huddle together to stay warm. {token}";

        var first = await _http.FinalJobAsync(await _http.SubmitJobAsync(text, "Why do penguins huddle?"));
        var second = await _http.FinalJobAsync(await _http.SubmitJobAsync(text, "Why do penguins huddle?"));

        Assert.False(first.GetProperty("result").GetProperty("cached").GetBoolean());
        Assert.Equal("completed", second.GetProperty("status").GetString());
        Assert.Equal("done", second.GetProperty("stage").GetString());
        Assert.Equal(100, second.GetProperty("progress").GetInt32());
        Assert.True(second.GetProperty("result").GetProperty("cached").GetBoolean());
        Assert.Equal((0, 0), second.Attempts());
        Assert.Equal(first.GetProperty("result").GetProperty("llm").GetProperty("output").GetString(),
            second.GetProperty("result").GetProperty("llm").GetProperty("output").GetString());
        Assert.Single(Server.RequestsWith(token));

        var stats = await _http.GetFromJsonAsync<JsonElement>("/api/cache/stats");
        Assert.Equal(1, stats.GetProperty("entries").GetInt64());
        Assert.Equal(1, stats.GetProperty("hits").GetInt64());
        Assert.Equal(1, stats.GetProperty("misses").GetInt64());
        Assert.Equal(0.5, stats.GetProperty("hitRate").GetDouble());

        Assert.Equal(HttpStatusCode.NoContent, (await _http.DeleteAsync("/api/cache")).StatusCode);
        var cleared = await _http.GetFromJsonAsync<JsonElement>("/api/cache/stats");
        Assert.Equal((0, 0, 0), (cleared.GetProperty("entries").GetInt64(), cleared.GetProperty("hits").GetInt64(), cleared.GetProperty("misses").GetInt64()));

        var third = await _http.FinalJobAsync(await _http.SubmitJobAsync(text, "Why do penguins huddle?"));
        Assert.False(third.GetProperty("result").GetProperty("cached").GetBoolean());
        Assert.Equal(2, Server.RequestsWith(token).Count);
    }

    [Fact]
    public async Task SameText_WithAnotherInstruction_IsNotACacheHit()
    {
        var token = Guid.NewGuid().ToString("N");
        var text = $"Maple trees turn red in autumn. {token}";

        await _http.FinalJobAsync(await _http.SubmitJobAsync(text, "Why do leaves turn red?"));
        var other = await _http.FinalJobAsync(await _http.SubmitJobAsync(text, "When do leaves turn red?"));

        Assert.False(other.GetProperty("result").GetProperty("cached").GetBoolean());
        Assert.Equal(2, Server.RequestsWith(token).Count);
    }
}
