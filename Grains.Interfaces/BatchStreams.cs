using Orleans.Runtime;

namespace OrleansNlp;

/// <summary>The one place that names a batch's progress stream: the batch grain publishes on it, the relay subscribes.
/// It uses the job progress stream provider (registered on silos and clients alike) in its own namespace.</summary>
public static class BatchStreams
{
    public const string ProviderName = JobStreams.ProviderName;
    public const string Namespace = "batch-progress";

    public static StreamId ForBatch(string batchId) => StreamId.Create(Namespace, batchId);
}
