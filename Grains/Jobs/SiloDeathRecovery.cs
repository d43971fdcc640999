using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace OrleansNlp.Jobs;

/// <summary>
/// Resumes a dead silo's jobs as soon as the cluster declares it dead, instead of at the watchdog's next pass (up to
/// Jobs:WatchdogPeriod later): the oldest active silo asks the watchdog to wake every unfinished job. Waking a job that
/// runs elsewhere is a no-op; one whose activation died is activated again on a live silo and resumes.
/// </summary>
public sealed class SiloDeathRecovery(
    IClusterMembershipService membership, ILocalSiloDetails local, IGrainFactory grains, ILogger<SiloDeathRecovery> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        ClusterMembershipSnapshot? previous = null;
        try
        {
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(stoppingToken))
            {
                // The first snapshot may list silos that died long ago: only deaths seen happening count.
                if (previous is not null && DiedSince(previous, snapshot) is { Length: > 0 } died && IsOldestActive(snapshot))
                {
                    await RecoverAsync(died);
                }

                previous = snapshot;
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private static SiloAddress[] DiedSince(ClusterMembershipSnapshot previous, ClusterMembershipSnapshot snapshot) =>
        snapshot.CreateUpdate(previous).Changes
            .Where(change => change.Status == SiloStatus.Dead)
            .Select(change => change.SiloAddress)
            .ToArray();

    private bool IsOldestActive(ClusterMembershipSnapshot snapshot) =>
        snapshot.Members.Values
            .Where(member => member.Status == SiloStatus.Active)
            .Select(member => member.SiloAddress)
            .OrderBy(address => address.Generation)
            .ThenBy(address => address.ToParsableString(), StringComparer.Ordinal)
            .FirstOrDefault() is { } oldest && oldest.Equals(local.SiloAddress);

    private async Task RecoverAsync(SiloAddress[] died)
    {
        logger.LogWarning("Silo(s) {Silos} declared dead: resuming their jobs", string.Join(", ", died.Select(silo => silo.ToString())));
        try
        {
            await grains.GetGrain<IJobWatchdogGrain>(0).RecoverAsync();
        }
        catch (Exception exception)
        {
            // The watchdog's regular pass resumes them later.
            logger.LogWarning(exception, "Could not resume the jobs of a dead silo now; the watchdog's next pass will");
        }
    }
}
