using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace OrleansNlp.Hosting;

/// <summary>Healthy when the cluster answers: the management grain lists at least one active silo.</summary>
public sealed class ClusterHealthCheck(IGrainFactory grainFactory) : IHealthCheck
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var hosts = await grainFactory.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true)
                .WaitAsync(Timeout, cancellationToken);
            return hosts.Count > 0
                ? HealthCheckResult.Healthy($"{hosts.Count} active silo(s)")
                : HealthCheckResult.Unhealthy("No active silo");
        }
        catch (Exception exception)
        {
            return HealthCheckResult.Unhealthy("The cluster did not answer", exception);
        }
    }
}
