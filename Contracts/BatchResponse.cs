namespace OrleansNlp.Contracts;

/// <summary>A batch as GET and DELETE /api/batches/{batchId} return it. Readers should ignore fields they do not know.</summary>
/// <param name="Total">How many texts (and jobs) the batch has.</param>
/// <param name="Progress">Percentage (0-100) of the jobs that are final.</param>
/// <param name="CompletedAt">When the last job became final (or the batch was cancelled and every job stopped).</param>
/// <param name="ExpiresAt">When a final batch is removed.</param>
/// <param name="Version">Grows with every change; orders this batch's snapshots and progress events.</param>
public sealed record BatchResponse(
    string BatchId,
    BatchStatus Status,
    int Total,
    BatchCounts Counts,
    int Progress,
    DateTime CreatedAt,
    DateTime? CompletedAt,
    BatchSummary Summary,
    DateTime? ExpiresAt,
    long Version);
