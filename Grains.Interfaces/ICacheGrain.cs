using OrleansNlp.Models;

namespace OrleansNlp;

/// <summary>Reads and clears the job result cache (a stateless worker over the silo's cache store: Redis in cluster
/// mode, so any silo answers for the whole cluster; memory in embedded mode).</summary>
[Alias("OrleansNlp.ICacheGrain")]
public interface ICacheGrain : IGrainWithIntegerKey
{
    [Alias("GetStats")]
    Task<CacheStats> GetStatsAsync();

    /// <summary>Removes every entry and resets the hit and miss counters.</summary>
    [Alias("Clear")]
    Task ClearAsync();
}
