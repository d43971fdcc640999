using Wire = OrleansNlp.Contracts;

namespace OrleansNlp.Models;

/// <summary>The one place where a batch's grain records become the JSON shapes of <c>OrleansNlp.Contracts</c>.</summary>
public static class BatchResponseMapping
{
    public static Wire.BatchResponse ToResponse(this BatchSnapshot batch) => new(
        batch.BatchId, batch.Status, batch.Total, batch.Counts.ToResponse(), batch.Progress, batch.CreatedAt, batch.CompletedAt,
        batch.Summary.ToResponse(), batch.ExpiresAt, batch.Version);

    public static Wire.BatchProgress ToResponse(this BatchProgressEvent progress) => new(
        progress.BatchId, progress.Status, progress.Total, progress.Counts.ToResponse(), progress.Progress, progress.Summary.ToResponse(),
        progress.Timestamp, progress.Version);

    private static Wire.BatchCounts ToResponse(this BatchCounts counts) =>
        new(counts.Pending, counts.Processing, counts.Completed, counts.Failed, counts.Cancelled);

    private static Wire.BatchSummary ToResponse(this BatchSummary summary) =>
        new(new SortedDictionary<string, int>(summary.Languages, StringComparer.Ordinal),
            new Wire.SentimentCounts(summary.Positive, summary.Neutral, summary.Negative));
}
