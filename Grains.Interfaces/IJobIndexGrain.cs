using OrleansNlp.Models;

namespace OrleansNlp;

/// <summary>Reads the job-by-status index (a stateless worker over the silo's index store).</summary>
[Alias("OrleansNlp.IJobIndexGrain")]
public interface IJobIndexGrain : IGrainWithIntegerKey
{
    /// <summary>Job ids with the given status, newest first: all jobs when <paramref name="owner"/> is null, else that
    /// owner's.</summary>
    [Alias("List")]
    Task<JobPage> ListAsync(JobStatus status, int limit, string? cursor, string? owner = null);
}
