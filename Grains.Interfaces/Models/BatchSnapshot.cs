namespace OrleansNlp.Models;

/// <summary>A read-only view of a batch as callers see it, as of its last recorded <see cref="Version"/>.</summary>
[GenerateSerializer, Immutable, Alias("OrleansNlp.BatchSnapshot")]
public sealed record BatchSnapshot(
    [property: Id(0)] string BatchId,
    [property: Id(1)] BatchStatus Status,
    [property: Id(2)] int Total,
    [property: Id(3)] BatchCounts Counts,
    [property: Id(4)] DateTime CreatedAt,
    [property: Id(5)] DateTime? CompletedAt,
    [property: Id(6)] BatchSummary Summary,
    [property: Id(7)] DateTime? ExpiresAt,
    [property: Id(8)] long Version,
    [property: Id(9)] string? Owner)
{
    /// <summary>Percentage of the jobs that are final.</summary>
    public int Progress => Total == 0 ? 100 : Counts.Final * 100 / Total;

    /// <summary>The snapshot as a progress event (what a watcher receives first).</summary>
    public BatchProgressEvent ToProgressEvent(DateTime timestamp) => new(BatchId, Status, Total, Counts, Summary, timestamp, Version);
}
