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

    /// <summary>Up to <paramref name="limit"/> ids of jobs (of every owner) with this status created before
    /// <paramref name="createdBefore"/>, oldest first: what the watchdog resumes or expires.</summary>
    Task<IReadOnlyList<string>> CreatedBeforeAsync(JobStatus status, DateTime createdBefore, int limit);

    /// <summary>A page of the jobs with this status: every job when <paramref name="owner"/> is null, else the owner's.</summary>
    Task<JobPage> ListAsync(JobStatus status, string? owner, int limit, string? cursor);
}
