using OrleansNlp.Models;

namespace OrleansNlp.Index;

/// <summary>Job ids by status, newest first, so operators can find jobs (failed ones above all) without knowing ids.</summary>
public interface IJobIndex
{
    Task SetStatusAsync(string jobId, JobStatus? previous, JobStatus current, DateTime createdAt);

    Task RemoveAsync(string jobId, JobStatus status);

    Task<JobPage> ListAsync(JobStatus status, int limit, string? cursor);
}
