using OrleansNlp.Contracts;

namespace OrleansNlp.Client;

/// <summary>A job did not end within the time a caller was willing to wait. The job itself goes on.</summary>
public sealed class JobWaitTimeoutException(string jobId, TimeSpan timeout, JobResponse? lastSeen)
    : TimeoutException($"Job {jobId} did not finish within {timeout}; last seen {Describe(lastSeen)}. It keeps running on the server.")
{
    public string JobId { get; } = jobId;

    /// <summary>The job as last polled, if it was.</summary>
    public JobResponse? LastSeen { get; } = lastSeen;

    private static string Describe(JobResponse? job) =>
        job is null ? "nothing" : $"{job.Status.ToString().ToLowerInvariant()}/{job.Stage.ToString().ToLowerInvariant()} at {job.Progress}%";
}
