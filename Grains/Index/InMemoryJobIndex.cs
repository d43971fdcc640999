using OrleansNlp.Models;

namespace OrleansNlp.Index;

/// <summary>The status index of the embedded mode (one silo, nothing durable).</summary>
public sealed class InMemoryJobIndex : IJobIndex
{
    private readonly Lock _gate = new();
    private readonly Dictionary<JobStatus, SortedSet<(long Ticks, string JobId)>> _byStatus = [];

    public Task SetStatusAsync(string jobId, JobStatus? previous, JobStatus current, DateTime createdAt)
    {
        lock (_gate)
        {
            foreach (var (_, other) in _byStatus)
            {
                other.Remove((createdAt.Ticks, jobId));
            }

            if (!_byStatus.TryGetValue(current, out var set))
            {
                _byStatus[current] = set = new SortedSet<(long, string)>(Comparer<(long Ticks, string JobId)>.Create(
                    (a, b) => a.Ticks != b.Ticks ? b.Ticks.CompareTo(a.Ticks) : string.CompareOrdinal(b.JobId, a.JobId)));
            }

            set.Add((createdAt.Ticks, jobId));
        }

        return Task.CompletedTask;
    }

    public Task RemoveAsync(string jobId, JobStatus status)
    {
        lock (_gate)
        {
            foreach (var (_, set) in _byStatus)
            {
                set.RemoveWhere(entry => entry.JobId == jobId);
            }
        }

        return Task.CompletedTask;
    }

    public Task<JobPage> ListAsync(JobStatus status, int limit, string? cursor)
    {
        var hasCursor = IndexCursor.TryParse(cursor, out var position);
        lock (_gate)
        {
            var page = (_byStatus.GetValueOrDefault(status) ?? [])
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
}
