using System.Text.Json.Serialization;

namespace OrleansNlp.Contracts;

/// <summary>One live progress event of a batch: the hub's "batchProgress" message and the data of an SSE "progress"
/// event of GET /api/batches/{batchId}/events. A watcher first gets the batch's current state, then each change;
/// <see cref="Version"/> goes up by one with each, so a watcher can tell that it missed none.</summary>
public sealed record BatchProgress(
    string BatchId,
    BatchStatus Status,
    int Total,
    BatchCounts Counts,
    int Progress,
    BatchSummary Summary,
    DateTime Timestamp,
    long Version)
{
    [JsonIgnore]
    public bool IsFinal => Status.IsFinal();
}
