using Microsoft.Extensions.Options;
using Orleans.Configuration;
using OrleansNlp.Hosting;
using OrleansNlp.Models;
using StackExchange.Redis;

namespace OrleansNlp.Index;

/// <summary>The status index in Redis: one sorted set per status ({ServiceId}/index/{status}), scored by creation ticks.</summary>
public sealed class RedisJobIndex(RedisConnection redis, IOptions<ClusterOptions> cluster) : IJobIndex
{
    private readonly string _prefix = $"{cluster.Value.ServiceId}/index/";

    private RedisKey Key(JobStatus status) => _prefix + status.ToString().ToLowerInvariant();

    public async Task SetStatusAsync(string jobId, JobStatus? previous, JobStatus current, DateTime createdAt)
    {
        var db = await redis.GetDatabaseAsync();
        var transaction = db.CreateTransaction();
        // Remove from every other status, not only the previous one: a missed update must not leave a stale entry.
        foreach (var other in Enum.GetValues<JobStatus>().Where(status => status != current))
        {
            _ = transaction.SortedSetRemoveAsync(Key(other), jobId);
        }

        _ = transaction.SortedSetAddAsync(Key(current), jobId, createdAt.Ticks);
        await transaction.ExecuteAsync();
    }

    public async Task RemoveAsync(string jobId, JobStatus status)
    {
        var db = await redis.GetDatabaseAsync();
        var transaction = db.CreateTransaction();
        foreach (var any in Enum.GetValues<JobStatus>())
        {
            _ = transaction.SortedSetRemoveAsync(Key(any), jobId);
        }

        await transaction.ExecuteAsync();
    }

    public async Task<JobPage> ListAsync(JobStatus status, int limit, string? cursor)
    {
        var db = await redis.GetDatabaseAsync();
        var hasCursor = IndexCursor.TryParse(cursor, out var position);
        var start = hasCursor ? position.Ticks : double.PositiveInfinity;
        var entries = new List<(long, string)>();
        var skip = 0;
        // Entries sharing the cursor's score are filtered by id; page through them until the page is full.
        while (entries.Count <= limit)
        {
            var batch = await db.SortedSetRangeByScoreWithScoresAsync(
                Key(status), start, double.NegativeInfinity, Exclude.None, Order.Descending, skip, limit + 1);
            if (batch.Length == 0)
            {
                break;
            }

            skip += batch.Length;
            entries.AddRange(batch
                .Select(entry => ((long)entry.Score, (string)entry.Element!))
                .Where(entry => !hasCursor || position.IsAfter(entry.Item1, entry.Item2)));
        }

        return InMemoryJobIndex.ToPage(entries, limit);
    }
}
