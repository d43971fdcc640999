using OrleansNlp.Models;

namespace OrleansNlp.Index;

/// <summary>The status index of the embedded mode (one silo, nothing durable): a sorted set per status for all jobs,
/// and one per owner and status.</summary>
public sealed class InMemoryJobIndex : IJobIndex
{
    private static readonly Comparer<(long Ticks, string JobId)> NewestFirst = Comparer<(long Ticks, string JobId)>.Create(
        (a, b) => a.Ticks != b.Ticks ? b.Ticks.CompareTo(a.Ticks) : string.CompareOrdinal(b.JobId, a.JobId));

    private readonly Lock _gate = new();
    private readonly Dictionary<(string? Owner, JobStatus Status), SortedSet<(long Ticks, string JobId)>> _sets = [];

    public Task SetStatusAsync(string jobId, string? owner, JobStatus? previous, JobStatus current, DateTime createdAt)
    {
        lock (_gate)
        {
            foreach (var scope in Scopes(owner))
            {
                if (previous is { } from && _sets.TryGetValue((scope, from), out var old))
                {
                    old.Remove((createdAt.Ticks, jobId));
                }

                if (!_sets.TryGetValue((scope, current), out var set))
                {
                    _sets[(scope, current)] = set = new SortedSet<(long, string)>(NewestFirst);
                }

                set.Add((createdAt.Ticks, jobId));
            }
        }

        return Task.CompletedTask;
    }

    public Task RemoveAsync(string jobId, string? owner, JobStatus? status = null)
    {
        lock (_gate)
        {
            foreach (var ((scope, setStatus), set) in _sets)
            {
                if ((scope is null || scope == owner) && (status is null || status == setStatus))
                {
                    set.RemoveWhere(entry => entry.JobId == jobId);
                }
            }
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<(string JobId, long CreatedTicks)>> CreatedBeforeAsync(
        JobStatus status, DateTime createdBefore, int limit, long? createdFrom = null)
    {
        lock (_gate)
        {
            IReadOnlyList<(string, long)> entries = (_sets.GetValueOrDefault((null, status)) ?? [])
                .Reverse()
                .SkipWhile(entry => entry.Ticks < (createdFrom ?? long.MinValue))
                .TakeWhile(entry => entry.Ticks < createdBefore.Ticks)
                .Take(limit)
                .Select(entry => (entry.JobId, entry.Ticks))
                .ToArray();
            return Task.FromResult(entries);
        }
    }

    public Task<JobCounts> CountAsync(string? owner)
    {
        lock (_gate)
        {
            long Count(JobStatus status) => _sets.GetValueOrDefault((owner, status))?.Count ?? 0;
            return Task.FromResult(new JobCounts(
                Count(JobStatus.Pending), Count(JobStatus.Processing), Count(JobStatus.Completed), Count(JobStatus.Failed), Count(JobStatus.Cancelled)));
        }
    }

    public Task<JobPage> ListAsync(JobStatus status, string? owner, int limit, string? cursor)
    {
        var hasCursor = IndexCursor.TryParse(cursor, out var position);
        lock (_gate)
        {
            var page = (_sets.GetValueOrDefault((owner, status)) ?? [])
                .Where(entry => !hasCursor || position.IsAfter(entry.Ticks, entry.JobId))
                .Take(limit + 1)
                .ToList();
            return Task.FromResult(ToPage(page, limit));
        }
    }

    internal static JobPage ToPage(List<(long Ticks, string JobId)> entries, int limit)
    {
        var more = entries.Count > limit;
        var shown = entries.Take(limit).ToList();
        var next = more ? new IndexCursor(shown[^1].Ticks, shown[^1].JobId).ToString() : null;
        return new JobPage(shown.Select(entry => entry.JobId).ToArray(), next);
    }

    private static string?[] Scopes(string? owner) => owner is null ? [null] : [null, owner];
}
