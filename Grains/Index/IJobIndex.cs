using OrleansNlp.Models;

namespace OrleansNlp.Index;

/// <summary>Job ids by status, newest first, so callers can find jobs (failed ones above all) without knowing ids: one
/// list per status for all jobs, and one per status for each owner's jobs.</summary>
public interface IJobIndex
{
    /// <summary>Moves the job from <paramref name="previous"/> (null: a new job) to <paramref name="current"/>.</summary>
    Task SetStatusAsync(string jobId, string? owner, JobStatus? previous, JobStatus current, DateTime createdAt);

    /// <summary>Removes the job (retention over): from <paramref name="status"/>, or from every status when null.</summary>
    Task RemoveAsync(string jobId, string? owner, JobStatus? status = null);

    /// <summary>Up to <paramref name="limit"/> jobs (of every owner) with this status created from
    /// <paramref name="createdFrom"/> (ticks, inclusive; null: the oldest) up to <paramref name="createdBefore"/>, oldest
    /// first, with their creation ticks: what the watchdog resumes or expires, a page at a time.</summary>
    Task<IReadOnlyList<(string JobId, long CreatedTicks)>> CreatedBeforeAsync(
        JobStatus status, DateTime createdBefore, int limit, long? createdFrom = null);

    /// <summary>How many jobs each status lists (a size per list, never a scan): every job when <paramref name="owner"/>
    /// is null, else the owner's.</summary>
    Task<JobCounts> CountAsync(string? owner);

    /// <summary>A page of the jobs with this status: every job when <paramref name="owner"/> is null, else the owner's.</summary>
    Task<JobPage> ListAsync(JobStatus status, string? owner, int limit, string? cursor);
}
