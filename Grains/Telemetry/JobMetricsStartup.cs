using Microsoft.Extensions.Hosting;

namespace OrleansNlp.Telemetry;

/// <summary>Creates the job instruments when the host starts, so that /metrics shows them (the LLM capacity gauges
/// above all) before the silo's first job activates.</summary>
internal sealed class JobMetricsStartup : IHostedService
{
    // Resolving the metrics is the point: their constructor creates the instruments.
    public JobMetricsStartup(JobMetrics metrics) => ArgumentNullException.ThrowIfNull(metrics);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
