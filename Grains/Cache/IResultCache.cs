using OrleansNlp.Models;

namespace OrleansNlp.Cache;

/// <summary>Stores job results by cache key (a SHA-256 hex string) and counts lookups. One instance per silo.</summary>
public interface IResultCache
{
    /// <summary>The stored result, or null; counts a hit or a miss.</summary>
    Task<JobResult?> TryGetAsync(string key);

    Task SetAsync(string key, JobResult result);

    Task<CacheStats> GetStatsAsync();

    /// <summary>Removes every entry and resets the counters.</summary>
    Task ClearAsync();
}
