using Orleans.Runtime;

namespace OrleansNlp;

/// <summary>The one place that names the progress stream: publisher and subscribers both use it.</summary>
public static class JobStreams
{
    public const string ProviderName = "JobProgress";
    public const string Namespace = "job-progress";

    public static StreamId ForJob(string jobId) => StreamId.Create(Namespace, jobId);
}
