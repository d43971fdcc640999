using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Serialization;
using OrleansNlp.Hosting;
using OrleansNlp.Models;
using StackExchange.Redis;

namespace OrleansNlp.Cache;

/// <summary>
/// The result cache of cluster mode, shared by all silos. Under {ServiceId}/cache/: entry/{key} holds a result
/// (Orleans binary serialisation, which keeps the [Id] contract) and expires after Cache:Ttl; the sorted set "entries"
/// lists keys by expiry time so entries can be counted and cleared without scanning; the hash "stats" counts hits and misses.
/// </summary>
public sealed class RedisResultCache(RedisConnection redis, Serializer serializer, IOptions<ClusterOptions> cluster, IOptions<CacheOptions> options)
    : IResultCache
{
    private const string Hits = "hits";
    private const string Misses = "misses";
    private const int ClearBatch = 500;
    private const int PruneEvery = 64;

    // Read and count in one round trip, so the counters are exact whichever silo asks.
    private const string GetAndCountScript = """
        local value = redis.call('GET', KEYS[1])
        redis.call('HINCRBY', KEYS[2], value and 'hits' or 'misses', 1)
        return value
        """;

    private readonly string _prefix = $"{cluster.Value.ServiceId}/cache/";
    private readonly TimeSpan _ttl = options.Value.Ttl;

    private RedisKey EntryKey(string key) => $"{_prefix}entry/{key}";

    private RedisKey IndexKey => $"{_prefix}entries";

    private RedisKey StatsKey => $"{_prefix}stats";

    public async Task<JobResult?> TryGetAsync(string key)
    {
        var db = await redis.GetDatabaseAsync();
        var value = (RedisValue)await db.ScriptEvaluateAsync(GetAndCountScript, [EntryKey(key), StatsKey]);
        return value.HasValue ? Deserialize(value!) : null;
    }

    public async Task SetAsync(string key, JobResult result)
    {
        var db = await redis.GetDatabaseAsync();
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var batch = db.CreateBatch();
        var writes = new List<Task>(3)
        {
            batch.StringSetAsync(EntryKey(key), serializer.SerializeToArray(result), _ttl),
            batch.SortedSetAddAsync(IndexKey, key, now + (long)_ttl.TotalMilliseconds),
        };
        // Expired keys leave the list of entries now and then (and whenever figures are read), not on every store.
        if (Random.Shared.Next(PruneEvery) == 0)
        {
            writes.Add(batch.SortedSetRemoveRangeByScoreAsync(IndexKey, double.NegativeInfinity, now));
        }

        batch.Execute();
        await Task.WhenAll(writes);
    }

    public async Task<CacheStats> GetStatsAsync()
    {
        var db = await redis.GetDatabaseAsync();
        await db.SortedSetRemoveRangeByScoreAsync(IndexKey, double.NegativeInfinity, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        var entries = await db.SortedSetLengthAsync(IndexKey);
        var counters = await db.HashGetAsync(StatsKey, [Hits, Misses]);
        return CacheStats.From(entries, (long?)counters[0] ?? 0, (long?)counters[1] ?? 0);
    }

    public async Task ClearAsync()
    {
        var db = await redis.GetDatabaseAsync();
        while (true)
        {
            var keys = await db.SortedSetRangeByRankAsync(IndexKey, 0, ClearBatch - 1);
            if (keys.Length == 0)
            {
                break;
            }

            await db.KeyDeleteAsync(keys.Select(key => EntryKey(key!)).ToArray());
            await db.SortedSetRemoveAsync(IndexKey, keys);
        }

        await db.KeyDeleteAsync([IndexKey, StatsKey]);
    }

    private JobResult? Deserialize(byte[] bytes)
    {
        try
        {
            return serializer.Deserialize<JobResult>(bytes);
        }
        catch (Exception)
        {
            // Written by an incompatible version: a miss; the job's own result will overwrite it.
            return null;
        }
    }
}
