namespace OrleansNlp.Contracts;

/// <summary>A page of a batch's jobs in the order of its texts (GET /api/batches/{batchId}/results?offset=&amp;limit=).
/// A job that does not exist is left out: one not created yet, one the batch's cancellation stopped before it was
/// created, or one already past its retention. <see cref="NextOffset"/> is null on the last page.</summary>
public sealed record BatchResultsResponse(IReadOnlyList<JobResponse> Items, int Offset, int Limit, int Total, int? NextOffset);
