using Orleans.Concurrency;
using OrleansNlp.Models;

namespace OrleansNlp;

/// <summary>One NLP job, keyed by its id. Owns the job's durable state and runs its pipeline.</summary>
[Alias("OrleansNlp.IJobGrain")]
public interface IJobGrain : IGrainWithStringKey
{
    /// <summary>Persists the job as pending and returns at once; the pipeline runs in the background.
    /// An id that already holds a job returns it: <see cref="SubmitOutcome.Existing"/> when the request is the same,
    /// <see cref="SubmitOutcome.Conflict"/> when it differs. Throws <see cref="JobStoreUnavailableException"/>
    /// when the job could not be persisted.</summary>
    [Alias("Submit")]
    Task<JobSubmission> SubmitAsync(JobRequest request);

    /// <summary>The job's current snapshot, or null when no job has this id.</summary>
    [AlwaysInterleave, Alias("GetStatus")]
    Task<JobSnapshot?> GetStatusAsync();

    /// <summary>Marks the job as watched and returns its snapshot (null when no job has this id): from then on the job
    /// publishes every move on its progress stream, which it skips while nobody watches. Call it after subscribing to
    /// <see cref="JobStreams.ForJob"/>: each later move is then either in the snapshot or delivered on the stream.</summary>
    [AlwaysInterleave, Alias("Watch")]
    Task<JobSnapshot?> WatchAsync();

    /// <summary>Rows <paramref name="offset"/> to offset + <paramref name="limit"/> of a completed dataset job; null when no
    /// job has this id or it is not a completed dataset.</summary>
    [AlwaysInterleave, Alias("GetRows")]
    Task<DatasetRowsPage?> GetRowsAsync(int offset, int limit);

    /// <summary>Cancels a pending or running job; a final job is returned unchanged. Null when no job has this id.</summary>
    [Alias("Cancel")]
    Task<JobSnapshot?> CancelAsync();

    /// <summary>Called by the watchdog for a job the index lists as <paramref name="listedAs"/>: resumes the pipeline of
    /// an unfinished job (a no-op while it runs), starts an owed webhook, deletes a final job past its retention, and
    /// corrects the index when it lags. False when no job has this id.</summary>
    [Alias("Wake")]
    Task<bool> WakeAsync(JobStatus listedAs);

    /// <summary>Runs a failed job again from its last checkpoint (same id, new attempt).
    /// Outcome <see cref="SubmitOutcome.Conflict"/> when the job is not failed. Null when no job has this id.</summary>
    // Waits for the failed run's webhook round (a few quick retries of Webhooks:Timeout each) before reopening.
    [Alias("Retry"), ResponseTimeout("00:02:00")]
    Task<JobSubmission?> RetryAsync();
}
