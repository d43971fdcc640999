using Microsoft.Extensions.Options;
using Orleans.Configuration;
using OrleansNlp.Hosting;
using OrleansNlp.Models;
using StackExchange.Redis;

namespace OrleansNlp.Index;

/// <summary>The status index in Redis: sorted sets scored by creation ticks, one per status for all jobs
/// ({ServiceId}/index/{status}) and one per owner and status ({ServiceId}/index/owner/{owner}/{status}).</summary>
public sealed class RedisJobIndex(RedisConnection redis, IOptions<ClusterOptions> cluster) : IJobIndex
{
    private readonly string _prefix = $"{cluster.Value.ServiceId}/index/";

    private RedisKey Key(JobStatus status, string? owner) =>
        owner is null ? _prefix + Name(status) : $"{_prefix}owner/{owner}/{Name(status)}";

    private static string Name(JobStatus status) => status.ToString().ToLowerInvariant();

    public async Task SetStatusAsync(string jobId, string? owner, JobStatus? previous, JobStatus current, DateTime createdAt)
    {
        // Pipelined, not a transaction: a move half done leaves an entry under the old status too, which lists skip and
        // the watchdog corrects.
        var db = await redis.GetDatabaseAsync();
        var batch = db.CreateBatch();
        var writes = new List<Task>(4);
        // Adds before removals: a batch cut short must leave the job listed somewhere, never nowhere.
        foreach (var scope in Scopes(owner))
        {
            writes.Add(batch.SortedSetAddAsync(Key(current, scope), jobId, createdAt.Ticks));
        }

        // One removal per move: the list endpoint skips an entry whose job has moved on, and expiry removes all.
        foreach (var scope in Scopes(owner).Where(_ => previous is { } from && from != current))
        {
            writes.Add(batch.SortedSetRemoveAsync(Key(previous!.Value, scope), jobId));
        }

        batch.Execute();
        await Task.WhenAll(writes);
    }

    public async Task RemoveAsync(string jobId, string? owner, JobStatus? status = null)
    {
        var db = await redis.GetDatabaseAsync();
        var batch = db.CreateBatch();
        var removals = Scopes(owner)
            .SelectMany(scope => (status is { } only ? [only] : Enum.GetValues<JobStatus>()).Select(any => Key(any, scope)))
            .Select(key => batch.SortedSetRemoveAsync(key, jobId))
            .ToArray();
        batch.Execute();
        await Task.WhenAll(removals);
    }

    public async Task<IReadOnlyList<(string JobId, long CreatedTicks)>> CreatedBeforeAsync(
        JobStatus status, DateTime createdBefore, int limit, long? createdFrom = null)
    {
        var db = await redis.GetDatabaseAsync();
        var entries = await db.SortedSetRangeByScoreWithScoresAsync(
            Key(status, null), createdFrom ?? double.NegativeInfinity, createdBefore.Ticks, Exclude.Stop, Order.Ascending, 0, limit);
        return entries.Select(entry => ((string)entry.Element!, (long)entry.Score)).ToArray();
    }

    public async Task<JobCounts> CountAsync(string? owner)
    {
        var db = await redis.GetDatabaseAsync();
        var batch = db.CreateBatch();
        var counts = new[] { JobStatus.Pending, JobStatus.Processing, JobStatus.Completed, JobStatus.Failed, JobStatus.Cancelled }
            .Select(status => batch.SortedSetLengthAsync(Key(status, owner)))
            .ToArray();
        batch.Execute();
        await Task.WhenAll(counts);
        return new JobCounts(counts[0].Result, counts[1].Result, counts[2].Result, counts[3].Result, counts[4].Result);
    }

    public async Task<JobPage> ListAsync(JobStatus status, string? owner, int limit, string? cursor)
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
                Key(status, owner), start, double.NegativeInfinity, Exclude.None, Order.Descending, skip, limit + 1);
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

    private static string?[] Scopes(string? owner) => owner is null ? [null] : [null, owner];
}
