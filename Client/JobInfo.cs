using System.Text.Json;
using System.Text.Json.Serialization;

namespace OrleansNlp.Client;

/// <summary>A job as the REST API returns it. Fields the server adds later are ignored.</summary>
public sealed record JobInfo
{
    public string JobId { get; init; } = "";

    public JobStatus Status { get; init; }

    public JobStage Stage { get; init; }

    public int Progress { get; init; }

    public string? Message { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }

    public StageAttempts? Attempts { get; init; }

    public JsonElement? Metadata { get; init; }

    public JobResult? Result { get; init; }

    public string? Error { get; init; }

    public StageTimings? Timings { get; init; }

    public DateTimeOffset? ExpiresAt { get; init; }

    public JobPriority Priority { get; init; }

    [JsonIgnore]
    public bool IsFinal => Status.IsFinal();
}
