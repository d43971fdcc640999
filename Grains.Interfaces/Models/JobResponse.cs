using System.Text.Json;

namespace OrleansNlp.Models;

/// <summary>A job as the REST API returns it.</summary>
public sealed record JobResponse(
    string JobId,
    JobStatus Status,
    JobStage Stage,
    int Progress,
    string? Message,
    DateTime CreatedAt,
    DateTime? StartedAt,
    DateTime? CompletedAt,
    StageAttempts Attempts,
    JsonElement? Metadata,
    JobResult? Result,
    string? Error,
    StageTimings? Timings,
    DateTime? ExpiresAt,
    JobPriority Priority,
    WebhookDelivery? Webhook,
    long Version)
{
    /// <summary>The job as JSON sees it; the document vector only when <paramref name="includeVector"/>.</summary>
    public static JobResponse From(JobSnapshot snapshot, bool includeVector = false) => new(
        snapshot.JobId,
        snapshot.Status,
        snapshot.Stage,
        snapshot.Progress,
        snapshot.Message,
        snapshot.CreatedAt,
        snapshot.StartedAt,
        snapshot.CompletedAt,
        snapshot.Attempts,
        MetadataJson.Parse(snapshot.MetadataJson),
        includeVector || snapshot.Result?.Embedding.Vector is null
            ? snapshot.Result
            : snapshot.Result with { Embedding = snapshot.Result.Embedding with { Vector = null } },
        snapshot.Error,
        snapshot.Timings,
        snapshot.ExpiresAt,
        snapshot.Priority,
        snapshot.Webhook,
        snapshot.Version);
}
