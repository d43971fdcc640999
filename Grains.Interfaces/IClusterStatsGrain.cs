using OrleansNlp.Models;

namespace OrleansNlp;

/// <summary>Gathers the operations view (a stateless worker): counts from the status index, the silos from the
/// membership, and each active silo's load from its <see cref="ISiloStatsService"/>.</summary>
[Alias("OrleansNlp.IClusterStatsGrain")]
public interface IClusterStatsGrain : IGrainWithIntegerKey
{
    /// <summary>The whole cluster when <paramref name="owner"/> is null; else only that owner's job counts.</summary>
    [Alias("Get")]
    Task<ClusterStats> GetAsync(string? owner);
}
