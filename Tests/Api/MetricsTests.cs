using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using OrleansNlp.Embedding;
using OrleansNlp.Telemetry;
using OrleansNlp.Tests.Infrastructure;

namespace OrleansNlp.Tests;

/// <summary>The job instruments behind /metrics (counts by status and cache, retries, embedding batch sizes) as this
/// host records them, and /metrics itself answering in Prometheus text format. The collectors listen to this host's
/// own meters only: the test process holds many hosts whose same-named instruments OpenTelemetry merges into one
/// exported series, so the exported text of a one-host process is checked against real processes (ClusterScriptTests).</summary>
[Trait(TestCategory.Trait, TestCategory.Api)]
[Collection(EmbeddedWebCollection.Name)]
public sealed class MetricsTests(EmbeddedWebFactory factory)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly HttpClient _http = factory.CreateClient();

    private MetricCollector<T> Collect<T>(string meter, string instrument) where T : struct =>
        new(factory.Services.GetRequiredService<IMeterFactory>(), meter, instrument);

    private static long Count(MetricCollector<long> collector, string status, bool cached) => collector.GetMeasurementSnapshot()
        .Where(m => Equals(m.Tags["status"], status) && Equals(m.Tags["cached"], cached))
        .Sum(m => m.Value);

    [Fact]
    public async Task AfterAJobCompletes_ItIsCounted_AndTheEmbeddingBatchIsRecorded()
    {
        using var finished = Collect<long>(JobMetrics.MeterName, "jobs.finished");
        using var submitted = Collect<long>(JobMetrics.MeterName, "jobs.submitted");
        using var durations = Collect<double>(JobMetrics.MeterName, "jobs.duration");
        using var batches = Collect<int>(EmbeddingBatcher.MeterName, EmbeddingBatcher.BatchSizeInstrument);

        var job = await _http.FinalJobAsync(await _http.SubmitJobAsync($"Otters hold hands while they sleep. {Guid.NewGuid():N}"));

        Assert.Equal("completed", job.Status());
        await Wait.UntilAsync(() => Task.FromResult(Count(finished, "completed", cached: false)), n => n >= 1, Timeout,
            "the completed job to be counted");
        Assert.NotEmpty(submitted.GetMeasurementSnapshot());
        Assert.Contains(durations.GetMeasurementSnapshot(), m => Equals(m.Tags["status"], "completed") && m.Value >= 0);
        Assert.Contains(batches.GetMeasurementSnapshot(), m => m.Value >= 1);
    }

    [Fact]
    public async Task CachedResults_AndOperatorRetries_AreCountedApart()
    {
        using var finished = Collect<long>(JobMetrics.MeterName, "jobs.finished");
        using var retried = Collect<long>(JobMetrics.MeterName, "jobs.retried");
        var text = $"Sloths move so slowly that algae grows on their fur. {Guid.NewGuid():N}";
        await _http.FinalJobAsync(await _http.SubmitJobAsync(text));
        var cached = await _http.FinalJobAsync(await _http.SubmitJobAsync(text));
        Assert.True(cached.GetProperty("result").GetProperty("cached").GetBoolean());
        var failedId = await _http.SubmitJobAsync($"[llm:fatal-once] {Guid.NewGuid():N} Fails once, then is retried.");
        Assert.Equal("failed", (await _http.FinalJobAsync(failedId)).Status());
        Assert.Equal(System.Net.HttpStatusCode.Accepted, (await _http.PostAsync($"/api/jobs/{failedId}/retry", null)).StatusCode);
        Assert.Equal("completed", (await _http.FinalJobAsync(failedId)).Status());

        await Wait.UntilAsync(
            () => Task.FromResult((
                Cached: Count(finished, "completed", cached: true),
                Failed: Count(finished, "failed", cached: false),
                Retried: retried.GetMeasurementSnapshot().Sum(m => m.Value))),
            counts => counts is { Cached: >= 1, Failed: >= 1, Retried: >= 1 },
            Timeout,
            "the cached completion, the failure and the retry to be counted");
    }

    [Fact]
    public async Task JobsActive_GaugesAJobHeldAtEmbedding_AndMetricsExportsTheGauge()
    {
        const int gate = 7502;
        using var active = Collect<long>(JobMetrics.MeterName, "jobs.active");
        long AtStage(string stage)
        {
            active.RecordObservableInstruments();
            return active.GetMeasurementSnapshot(clear: true).Last(m => Equals(m.Tags["stage"], stage)).Value;
        }

        var jobId = await _http.SubmitJobAsync($"[embed:gate:{gate}] {Guid.NewGuid():N} Held for the gauge.");
        var held = await Wait.UntilAsync(() => Task.FromResult(AtStage("embedding")), n => n >= 1, Timeout, "the held job on the gauge");
        var text = await _http.GetStringAsync("/metrics");
        FaultInjection.OpenGate(gate);
        await _http.FinalJobAsync(jobId);

        Assert.Matches(@"(?m)^# TYPE jobs_active gauge$", text);
        Assert.Matches(@"(?m)^jobs_active\{[^}]*stage=""embedding""[^}]*\} \d", text);
        await Wait.UntilAsync(() => Task.FromResult(AtStage("embedding")), n => n < held, Timeout, "the job to leave the embedding gauge");
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
