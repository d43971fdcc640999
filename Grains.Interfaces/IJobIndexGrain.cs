using OrleansNlp.Models;

namespace OrleansNlp;

/// <summary>Reads the job-by-status index (a stateless worker over the silo's index store).</summary>
[Alias("OrleansNlp.IJobIndexGrain")]
public interface IJobIndexGrain : IGrainWithIntegerKey
{
    /// <summary>Job ids with the given status, newest first.</summary>
    [Alias("List")]
    Task<JobPage> ListAsync(JobStatus status, int limit, string? cursor);
}
