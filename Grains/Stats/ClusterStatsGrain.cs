using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using OrleansNlp.Index;
using OrleansNlp.Models;
using OrleansNlp.Stats;

namespace OrleansNlp;

/// <summary>Gathers GET /api/stats on the silo it is called on: the status index's counts, the membership's silos
/// (dead ones for an hour after they were last alive), and each active silo's load, asked of all silos at once with a
/// time limit so that a dying silo cannot hold the answer up.</summary>
[StatelessWorker]
public sealed class ClusterStatsGrain(IJobIndex index, ISiloStatsClient silos, ILogger<ClusterStatsGrain> logger) : Grain, IClusterStatsGrain
{
    public static readonly TimeSpan SiloAnswerLimit = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan DeadSilosShownFor = TimeSpan.FromHours(1);

    public async Task<ClusterStats> GetAsync(string? owner)
    {
        var now = DateTime.UtcNow;
        var counts = await index.CountAsync(owner);
        if (owner is not null)
        {
            return new ClusterStats(owner, now, counts);
        }

        var members = (await GrainFactory.GetGrain<IManagementGrain>(0).GetDetailedHosts(onlyActive: false))
            .Where(member => member.Status != SiloStatus.Dead || member.IAmAliveTime > now - DeadSilosShownFor)
            .OrderBy(member => member.SiloAddress.ToParsableString(), StringComparer.Ordinal)
            .ToArray();
        var loads = await Task.WhenAll(members.Select(member => member.Status == SiloStatus.Active ? LoadOfAsync(member.SiloAddress) : Task.FromResult<SiloLoad?>(null)));
        var summaries = members.Zip(loads, (member, load) => new SiloSummary(
            member.SiloAddress.ToParsableString(),
            member.SiloName ?? "",
            member.HostName ?? "",
            member.Status.ToString().ToLowerInvariant(),
            member.StartTime,
            load)).ToArray();
        var answered = loads.OfType<SiloLoad>().ToArray();
        return new ClusterStats(
            null,
            now,
            counts,
            answered.Aggregate(CompletionSeries.Empty, (sum, load) => sum.Plus(load.Completions)),
            answered.Aggregate(StageOccupancyCounts.None, (sum, load) => sum.Plus(load.Jobs)),
            summaries);
    }

    private async Task<SiloLoad?> LoadOfAsync(SiloAddress silo)
    {
        try
        {
            return await silos.On(silo).GetLoadAsync().WaitAsync(SiloAnswerLimit);
        }
        catch (Exception exception)
        {
            logger.LogDebug(exception, "Silo {Silo} did not report its load", silo);
            return null;
        }
    }
}
