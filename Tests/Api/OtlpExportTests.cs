using OrleansNlp.Tests.Infrastructure;

namespace OrleansNlp.Tests;

/// <summary>With OTEL_EXPORTER_OTLP_ENDPOINT set, the embedded frontend sends metrics and traces (HTTP requests and
/// Orleans grain calls) to an OTLP/HTTP collector.</summary>
[Trait(TestCategory.Trait, TestCategory.Api)]
public sealed class OtlpExportTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private OtlpReceiver _receiver = null!;
    private OtlpWebFactory _factory = null!;

    public async Task InitializeAsync()
    {
        _receiver = await OtlpReceiver.StartAsync();
        _factory = new OtlpWebFactory(_receiver.Endpoint);
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    [Fact]
    public async Task AJob_IsExportedAsMetricsAndAsTracesOfItsGrainCalls()
    {
        var http = _factory.CreateClient();

        var jobId = await http.SubmitJobAsync($"Octopuses have three hearts. {Guid.NewGuid():N}");
        var job = await http.FinalJobAsync(jobId);
        Assert.Equal("completed", job.GetProperty("status").GetString());

        await Wait.UntilAsync(() => Task.FromResult(_receiver.Received("/v1/metrics", "jobs.finished")), seen => seen, Timeout,
            "the job counter to be exported");
        await Wait.UntilAsync(() => Task.FromResult(_receiver.Received("/v1/traces", "IEmbeddingGrain")), seen => seen, Timeout,
            "a span of the embedding grain call to be exported");
        // The polling requests' spans carry this job's id in their path: they come from this test, not a neighbour.
        await Wait.UntilAsync(() => Task.FromResult(_receiver.Received("/v1/traces", $"/api/jobs/{jobId}")), seen => seen, Timeout,
            "the spans of this job's HTTP requests to be exported");
        // The memory stream queues are polled every few milliseconds by Orleans: none of that is traced.
        Assert.False(_receiver.Received("/v1/traces", "IMemoryStreamQueueGrain"), "Orleans' stream polling should not be traced");
    }

    private sealed class OtlpWebFactory(string endpoint) : EmbeddedWebFactory
    {
        protected override IEnumerable<KeyValuePair<string, string>> Settings => base.Settings.Concat(
        [
            new("OTEL_EXPORTER_OTLP_ENDPOINT", endpoint),
            new("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf"),
            new("OTEL_METRIC_EXPORT_INTERVAL", "500"),
            new("OTEL_BSP_SCHEDULE_DELAY", "200"),
        ]);
    }
}
