using Orleans.Concurrency;
using OrleansNlp.Models;

namespace OrleansNlp;

/// <summary>One NLP job, keyed by its id. Owns the job's durable state and runs its pipeline.</summary>
[Alias("OrleansNlp.IJobGrain")]
public interface IJobGrain : IGrainWithStringKey
{
    /// <summary>Persists the job as pending and returns at once; the pipeline runs in the background.
    /// Submitting to an id that already holds a job returns that job unchanged.</summary>
    [Alias("Submit")]
    Task<JobSnapshot> SubmitAsync(JobRequest request);

    /// <summary>The job's current snapshot, or null when no job has this id.</summary>
    [AlwaysInterleave, Alias("GetStatus")]
    Task<JobSnapshot?> GetStatusAsync();

    /// <summary>Cancels a pending or running job; a final job is returned unchanged. Null when no job has this id.</summary>
    [Alias("Cancel")]
    Task<JobSnapshot?> CancelAsync();
}
