namespace OrleansNlp.Client;

/// <summary>Lifecycle helpers for <see cref="JobStatus"/>.</summary>
public static class JobStatusExtensions
{
    /// <summary>Completed, failed and cancelled jobs never change again.</summary>
    public static bool IsFinal(this JobStatus status) =>
        status is JobStatus.Completed or JobStatus.Failed or JobStatus.Cancelled;
}
