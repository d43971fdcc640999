using OrleansNlp.Tests.Infrastructure;

namespace OrleansNlp.Tests;

/// <summary>The job instruments behind /metrics (counts by status and cache, retries, embedding batch sizes) as this
/// host records them, and /metrics itself answering in Prometheus text format.</summary>
[Trait(TestCategory.Trait, TestCategory.Api)]
[Collection(EmbeddedWebCollection.Name)]
public sealed class MetricsTests(EmbeddedWebFactory factory)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly HttpClient _http = factory.CreateClient();

    [Fact]
    public async Task AfterAJobCompletes_ItIsCounted_AndTheEmbeddingBatchIsRecorded()
    {
        using var measurements = new HostMeasurements(factory.Services);

        var job = await _http.FinalJobAsync(await _http.SubmitJobAsync($"Otters hold hands while they sleep. {Guid.NewGuid():N}"));

        Assert.Equal("completed", job.GetProperty("status").GetString());
        await Wait.UntilAsync(
            () => Task.FromResult(measurements.Sum("jobs.finished", ("status", "completed"), ("cached", false))),
            finished => finished >= 1,
            Timeout,
            "the completed job to be counted");
        Assert.True(measurements.Sum("jobs.submitted") >= 1);
        Assert.True(measurements.Count("jobs.duration") >= 1);
        Assert.True(measurements.Count("embedding.batch.size") >= 1);
    }

    [Fact]
    public async Task CachedResults_AndOperatorRetries_AreCountedApart()
    {
        using var measurements = new HostMeasurements(factory.Services);
        var text = $"Sloths move so slowly that algae grows on their fur. {Guid.NewGuid():N}";
        await _http.FinalJobAsync(await _http.SubmitJobAsync(text));
        var cached = await _http.FinalJobAsync(await _http.SubmitJobAsync(text));
        Assert.True(cached.GetProperty("result").GetProperty("cached").GetBoolean());
        var failedId = await _http.SubmitJobAsync($"[llm:fatal-once] {Guid.NewGuid():N} Fails once, then is retried.");
        Assert.Equal("failed", (await _http.FinalJobAsync(failedId)).GetProperty("status").GetString());
        Assert.Equal(System.Net.HttpStatusCode.Accepted, (await _http.PostAsync($"/api/jobs/{failedId}/retry", null)).StatusCode);
        Assert.Equal("completed", (await _http.FinalJobAsync(failedId)).GetProperty("status").GetString());

        await Wait.UntilAsync(
            () => Task.FromResult((
                Cached: measurements.Sum("jobs.finished", ("status", "completed"), ("cached", true)),
                Failed: measurements.Sum("jobs.finished", ("status", "failed"), ("cached", false)),
                Retried: measurements.Sum("jobs.retried"))),
            counts => counts is { Cached: >= 1, Failed: >= 1, Retried: >= 1 },
            Timeout,
            "the cached completion, the failure and the retry to be counted");
    }

    [Fact]
    public async Task Metrics_AnswersInPrometheusTextFormat()
    {
        var response = await _http.GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType!.MediaType);
        Assert.Matches(@"(?m)^# TYPE dotnet_gc_collections_total counter$", text);
    }
}
