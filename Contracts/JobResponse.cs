using System.Text.Json;
using System.Text.Json.Serialization;

namespace OrleansNlp.Contracts;

/// <summary>A job as the REST API returns it (GET, POST, DELETE /api/jobs/…, list items) and as a webhook receives it.
/// Readers should ignore fields they do not know: the server may add some.</summary>
/// <param name="Message">What the job is doing or why it ended, for people.</param>
/// <param name="Attempts">How many times each stage has started.</param>
/// <param name="Metadata">The JSON object given at submission, unchanged.</param>
/// <param name="Result">Set once the job completed.</param>
/// <param name="Error">Why the job failed.</param>
/// <param name="Timings">Milliseconds per finished stage; null before the job started.</param>
/// <param name="ExpiresAt">When a final job is removed.</param>
/// <param name="Webhook">Where the final job is POSTed and how that went; null without a callbackUrl.</param>
/// <param name="Version">Grows with every persisted transition; orders this job's snapshots and progress events.</param>
/// <param name="RanOn">The silo that ran the latest attempt of each stage; null before any stage started.</param>
/// <param name="ClientId">The clientId given at submission (left out when none).</param>
/// <param name="Kind">"dataset" for a dataset job; left out for a text job.</param>
/// <param name="Total">A dataset job's rows asked for (left out for text jobs).</param>
/// <param name="Completed">A dataset job's valid rows generated so far (left out for text jobs).</param>
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
    long Version,
    StageSilos? RanOn = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ClientId = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Kind = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Total = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Completed = null)
{
    [JsonIgnore]
    public bool IsFinal => Status.IsFinal();
}
