namespace OrleansNlp.Models;

/// <summary>Lifecycle rules shared by the grain and its callers.</summary>
public static class JobStatusExtensions
{
    public static bool IsFinal(this JobStatus status) =>
        status is JobStatus.Completed or JobStatus.Failed or JobStatus.Cancelled;

    /// <summary>The only legal moves: pending → processing → completed | failed | cancelled, and pending → failed | cancelled,
    /// and pending → completed (a result served from the cache).</summary>
    public static bool CanMoveTo(this JobStatus from, JobStatus to) => (from, to) switch
    {
        (JobStatus.Pending, JobStatus.Processing or JobStatus.Completed or JobStatus.Failed or JobStatus.Cancelled) => true,
        (JobStatus.Processing, JobStatus.Processing or JobStatus.Completed or JobStatus.Failed or JobStatus.Cancelled) => true,
        _ => false,
    };
}
