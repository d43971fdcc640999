namespace OrleansNlp.WebFrontend.Hosting;

/// <summary>Says at start-up that embedded mode keeps jobs in memory only, and how to switch.</summary>
public sealed class EmbeddedModeNotice(ILogger<EmbeddedModeNotice> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        logger.LogWarning(
            "Embedded mode: this process hosts its own silo with in-memory job state, reminders and streams. " +
            "Jobs are NOT durable and are lost when the process stops. To run a durable cluster, set " +
            "ConnectionStrings__Redis=<host:port> and start silos with scripts/cluster.sh start (see README).");
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
