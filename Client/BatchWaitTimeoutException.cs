using OrleansNlp.Contracts;

namespace OrleansNlp.Client;

/// <summary>A batch did not end within the time a caller was willing to wait. Its jobs go on.</summary>
public sealed class BatchWaitTimeoutException(string batchId, TimeSpan timeout, BatchResponse? lastSeen)
    : TimeoutException($"Batch {batchId} did not finish within {timeout}; last seen {Describe(lastSeen)}. Its jobs keep running on the server.")
{
    public string BatchId { get; } = batchId;

    /// <summary>The batch as last read, if it was.</summary>
    public BatchResponse? LastSeen { get; } = lastSeen;

    private static string Describe(BatchResponse? batch) =>
        batch is null ? "nothing" : $"{batch.Status.ToString().ToLowerInvariant()} at {batch.Progress}% ({batch.Counts})";
}
