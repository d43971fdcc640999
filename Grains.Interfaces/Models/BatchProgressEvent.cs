namespace OrleansNlp.Models;

/// <summary>One recorded change of a batch, published on the batch's stream after it was persisted. Versions go up by
/// one per change, so a watcher that has version n and then gets n + 1 missed nothing.</summary>
[GenerateSerializer, Immutable, Alias("OrleansNlp.BatchProgressEvent")]
public sealed record BatchProgressEvent(
    [property: Id(0)] string BatchId,
    [property: Id(1)] BatchStatus Status,
    [property: Id(2)] int Total,
    [property: Id(3)] BatchCounts Counts,
    [property: Id(4)] BatchSummary Summary,
    [property: Id(5)] DateTime Timestamp,
    [property: Id(6)] long Version)
{
    public int Progress => Total == 0 ? 100 : Counts.Final * 100 / Total;
}
