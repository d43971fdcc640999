namespace OrleansNlp;

/// <summary>What every side needs to know about a <see cref="JobStatus"/>.</summary>
public static class JobStatusExtensions
{
    /// <summary>Completed, failed and cancelled jobs never change again (an operator retry of a failed job aside).</summary>
    public static bool IsFinal(this JobStatus status) =>
        status is JobStatus.Completed or JobStatus.Failed or JobStatus.Cancelled;
}
