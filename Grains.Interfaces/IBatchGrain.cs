using Orleans.Concurrency;
using OrleansNlp.Models;

namespace OrleansNlp;

/// <summary>One batch of texts, keyed by its id: owns the batch's durable state, creates one job per text and counts
/// what its jobs tell it.</summary>
[Alias("OrleansNlp.IBatchGrain")]
public interface IBatchGrain : IGrainWithStringKey
{
    /// <summary>Persists the batch and returns at once; its jobs are created in the background (and after a crash,
    /// by the batch's reminder). An id that already holds a batch returns it: <see cref="SubmitOutcome.Existing"/> when
    /// the request is the same, <see cref="SubmitOutcome.Conflict"/> when it differs. Throws
    /// <see cref="JobStoreUnavailableException"/> when the batch could not be persisted.</summary>
    [Alias("Submit"), ResponseTimeout("00:01:00")]
    Task<BatchSubmission> SubmitAsync(BatchRequest request);

    /// <summary>The batch's current snapshot (as of its last recorded version), or null when no batch has this id.</summary>
    [AlwaysInterleave, Alias("GetStatus")]
    Task<BatchSnapshot?> GetStatusAsync();

    /// <summary>Cancels every unfinished job of the batch (and creates no more); a final batch is returned unchanged.
    /// Null when no batch has this id.</summary>
    [Alias("Cancel"), ResponseTimeout("00:02:00")]
    Task<BatchSnapshot?> CancelAsync();

    /// <summary>A job of the batch changed its status. One-way: the job never waits for its batch.</summary>
    [OneWay, AlwaysInterleave, Alias("JobChanged")]
    Task JobChangedAsync(BatchJobUpdate update);
}
