using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using OrleansNlp.Models;

namespace OrleansNlp.Cache;

/// <summary>The result cache of embedded mode: process memory, bounded to Cache:MaxEntries entries, each expiring
/// after Cache:Ttl. Lost when the process stops, like the rest of embedded mode's state.</summary>
public sealed class InMemoryResultCache : IResultCache, IDisposable
{
    private readonly CacheOptions _options;
    private MemoryCache _entries;
    private long _hits;
    private long _misses;

    public InMemoryResultCache(IOptions<CacheOptions> options)
    {
        _options = options.Value;
        _entries = NewCache();
    }

    public Task<JobResult?> TryGetAsync(string key)
    {
        var found = _entries.TryGetValue(key, out JobResult? result);
        Interlocked.Increment(ref found ? ref _hits : ref _misses);
        return Task.FromResult(found ? result : null);
    }

    public Task SetAsync(string key, JobResult result)
    {
        // Over the size limit the entry is not stored and the cache compacts itself in the background.
        _entries.Set(key, result, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = _options.Ttl });
        return Task.CompletedTask;
    }

    public Task<CacheStats> GetStatsAsync() =>
        Task.FromResult(CacheStats.From(_entries.Count, Interlocked.Read(ref _hits), Interlocked.Read(ref _misses)));

    public Task ClearAsync()
    {
        Interlocked.Exchange(ref _entries, NewCache()).Dispose();
        Interlocked.Exchange(ref _hits, 0);
        Interlocked.Exchange(ref _misses, 0);
        return Task.CompletedTask;
    }

    public void Dispose() => _entries.Dispose();

    private MemoryCache NewCache() => new(new MemoryCacheOptions { SizeLimit = Math.Max(1, _options.MaxEntries) });
}
