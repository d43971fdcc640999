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
    WebhookDelivery? Webhook)
{
    public static JobResponse From(JobSnapshot snapshot) => new(
        snapshot.JobId,
        snapshot.Status,
        snapshot.Stage,
        snapshot.Progress,
        snapshot.Message,
        snapshot.CreatedAt,
        snapshot.StartedAt,
        snapshot.CompletedAt,
        snapshot.Attempts,
        snapshot.MetadataJson is null ? null : JsonDocument.Parse(snapshot.MetadataJson).RootElement.Clone(),
        snapshot.Result,
        snapshot.Error,
        snapshot.Timings,
        snapshot.ExpiresAt,
        snapshot.Priority,
        snapshot.Webhook);
}
