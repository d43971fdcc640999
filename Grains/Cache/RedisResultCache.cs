using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Serialization;
using OrleansNlp.Hosting;
using OrleansNlp.Models;
using StackExchange.Redis;

namespace OrleansNlp.Cache;

/// <summary>
/// The result cache of cluster mode, shared by all silos. Under {ServiceId}/cache/: entry/{key} holds a result
/// (Orleans binary serialisation, which keeps the [Id] contract) and expires after Cache:Ttl; the hash "stats" counts
/// hits and misses. A lookup is one GET and a store one SET: each silo adds its hits and misses to the hash once a
/// second (<see cref="FlushPeriod"/>), not per job, and entries are counted by scanning their keys when figures are read.
/// </summary>
public sealed class RedisResultCache : IResultCache, IAsyncDisposable
{
    public static readonly TimeSpan FlushPeriod = TimeSpan.FromSeconds(1);

    private const string Hits = "hits";
    private const string Misses = "misses";
    private const int ScanPageSize = 1_000;

    private readonly RedisConnection _redis;
    private readonly Serializer _serializer;
    private readonly ILogger<RedisResultCache> _logger;
    private readonly string _prefix;
    private readonly TimeSpan _ttl;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _flushing;
    private long _hits;
    private long _misses;

    public RedisResultCache(
        RedisConnection redis, Serializer serializer, IOptions<ClusterOptions> cluster, IOptions<CacheOptions> options, ILogger<RedisResultCache> logger)
    {
        _redis = redis;
        _serializer = serializer;
        _logger = logger;
        _prefix = $"{cluster.Value.ServiceId}/cache/";
        _ttl = options.Value.Ttl;
        _flushing = FlushPeriodicallyAsync(_stopping.Token);
    }

    private RedisKey EntryKey(string key) => $"{_prefix}entry/{key}";

    private RedisKey StatsKey => $"{_prefix}stats";

    public async Task<JobResult?> TryGetAsync(string key)
    {
        var db = await _redis.GetDatabaseAsync();
        var value = await db.StringGetAsync(EntryKey(key));
        Interlocked.Increment(ref value.HasValue ? ref _hits : ref _misses);
        return value.HasValue ? Deserialize(value!) : null;
    }

    public async Task SetAsync(string key, JobResult result)
    {
        var db = await _redis.GetDatabaseAsync();
        await db.StringSetAsync(EntryKey(key), _serializer.SerializeToArray(result), _ttl);
    }

    /// <summary>This silo's counts are added first; another silo's arrive within <see cref="FlushPeriod"/>.</summary>
    public async Task<CacheStats> GetStatsAsync()
    {
        await FlushAsync();
        var db = await _redis.GetDatabaseAsync();
        var entries = 0L;
        await foreach (var _ in ScanEntriesAsync())
        {
            entries++;
        }

        var counters = await db.HashGetAsync(StatsKey, [Hits, Misses]);
        return CacheStats.From(entries, (long?)counters[0] ?? 0, (long?)counters[1] ?? 0);
    }

    public async Task ClearAsync()
    {
        Interlocked.Exchange(ref _hits, 0);
        Interlocked.Exchange(ref _misses, 0);
        var db = await _redis.GetDatabaseAsync();
        var page = new List<RedisKey>(ScanPageSize);
        await foreach (var key in ScanEntriesAsync())
        {
            page.Add(key);
            if (page.Count == ScanPageSize)
            {
                await db.KeyDeleteAsync(page.ToArray());
                page.Clear();
            }
        }

        page.Add(StatsKey);
        await db.KeyDeleteAsync(page.ToArray());
    }

    public async ValueTask DisposeAsync()
    {
        _stopping.Cancel();
        await _flushing;
        // The last counts, unless Redis is gone: shutting down must not wait for its timeouts.
        await FlushAsync().WaitAsync(TimeSpan.FromSeconds(1)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stopping.Dispose();
    }

    private async IAsyncEnumerable<RedisKey> ScanEntriesAsync()
    {
        var connection = await _redis.GetConnectionAsync();
        foreach (var endpoint in connection.GetEndPoints())
        {
            var server = connection.GetServer(endpoint);
            if (server.IsReplica)
            {
                continue;
            }

            await foreach (var key in server.KeysAsync(pattern: $"{_prefix}entry/*", pageSize: ScanPageSize))
            {
                yield return key;
            }
        }
    }

    private async Task FlushPeriodicallyAsync(CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(FlushPeriod);
        try
        {
            while (await timer.WaitForNextTickAsync(stopping))
            {
                await FlushAsync();
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Adds this silo's counts since the last flush to the shared hash; on failure they are kept for the next.</summary>
    private async Task FlushAsync()
    {
        var hits = Interlocked.Exchange(ref _hits, 0);
        var misses = Interlocked.Exchange(ref _misses, 0);
        if (hits == 0 && misses == 0)
        {
            return;
        }

        try
        {
            var db = await _redis.GetDatabaseAsync();
            var batch = db.CreateBatch();
            var writes = new[] { batch.HashIncrementAsync(StatsKey, Hits, hits), batch.HashIncrementAsync(StatsKey, Misses, misses) };
            batch.Execute();
            await Task.WhenAll(writes);
        }
        catch (Exception exception)
        {
            Interlocked.Add(ref _hits, hits);
            Interlocked.Add(ref _misses, misses);
            _logger.LogWarning(exception, "Could not add the result cache's counts to Redis; they are kept for the next try");
        }
    }

    private JobResult? Deserialize(byte[] bytes)
    {
        try
        {
            return _serializer.Deserialize<JobResult>(bytes);
        }
        catch (Exception)
        {
            // Written by an incompatible version: a miss; the job's own result will overwrite it.
            return null;
        }
    }
}
