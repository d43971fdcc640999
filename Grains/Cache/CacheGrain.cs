using Orleans.Concurrency;
using OrleansNlp.Cache;
using OrleansNlp.Models;

namespace OrleansNlp;

/// <summary>Reads and clears the silo's result cache store.</summary>
[StatelessWorker]
public sealed class CacheGrain(IResultCache cache) : Grain, ICacheGrain
{
    public Task<CacheStats> GetStatsAsync() => cache.GetStatsAsync();

    public Task ClearAsync() => cache.ClearAsync();
}
