namespace OrleansNlp.Models;

/// <summary>The job grain's lifecycle rule (<see cref="JobStatusExtensions.IsFinal"/>, in the contracts, says which
/// statuses are final).</summary>
public static class JobStatusTransitions
{
    /// <summary>The only legal moves: pending → processing → completed | failed | cancelled, and pending → failed | cancelled,
    /// and pending → completed (a result served from the cache).</summary>
    public static bool CanMoveTo(this JobStatus from, JobStatus to) => (from, to) switch
    {
        (JobStatus.Pending, JobStatus.Processing or JobStatus.Completed or JobStatus.Failed or JobStatus.Cancelled) => true,
        (JobStatus.Processing, JobStatus.Processing or JobStatus.Completed or JobStatus.Failed or JobStatus.Cancelled) => true,
        _ => false,
    };
}
