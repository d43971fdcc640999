namespace OrleansNlp.Models;

/// <summary>A read-only view of a job as callers see it; made from the grain's state, never persisted itself. A dataset
/// job has RowsTotal and RowsCompleted, and Dataset once completed.</summary>
[GenerateSerializer, Immutable, Alias("OrleansNlp.JobSnapshot")]
public sealed record JobSnapshot(
    [property: Id(0)] string JobId,
    [property: Id(1)] JobStatus Status,
    [property: Id(2)] JobStage Stage,
    [property: Id(3)] int Progress,
    [property: Id(4)] DateTime CreatedAt,
    [property: Id(5)] DateTime? StartedAt,
    [property: Id(6)] DateTime? CompletedAt,
    [property: Id(7)] StageAttempts Attempts,
    [property: Id(8)] string? MetadataJson,
    [property: Id(9)] JobResult? Result,
    [property: Id(10)] string? Error,
    [property: Id(11)] string? Message,
    [property: Id(12)] StageTimings? Timings = null,
    [property: Id(13)] DateTime? ExpiresAt = null,
    [property: Id(14)] JobPriority Priority = JobPriority.Normal,
    [property: Id(15)] long Version = 0,
    [property: Id(16)] WebhookDelivery? Webhook = null,
    [property: Id(17)] string? Owner = null,
    [property: Id(18)] StageSilos? RanOn = null,
    [property: Id(19)] string? ClientId = null,
    [property: Id(20)] int? RowsTotal = null,
    [property: Id(21)] int? RowsCompleted = null,
    [property: Id(22)] DatasetResult? Dataset = null)
{
    public bool IsDataset => RowsTotal is not null;

    /// <summary>The snapshot as a progress event (what a watcher receives first).</summary>
    public JobProgressEvent ToProgressEvent(DateTime timestamp) =>
        new(JobId, Status, Stage, Progress, Message ?? "", timestamp, Version, RowsTotal, RowsCompleted);
}
