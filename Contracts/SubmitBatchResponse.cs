namespace OrleansNlp.Contracts;

/// <summary>The answer to POST /api/batches: the batch's id, the ids of its jobs in the order of the texts, and its
/// status. The jobs are created in the background right after the answer; each id answers 404 until its job exists.</summary>
public sealed record SubmitBatchResponse(string BatchId, IReadOnlyList<string> JobIds, BatchStatus Status);
