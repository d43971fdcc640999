using System.Text.Json.Serialization;

namespace OrleansNlp.Client;

/// <summary>One live progress event of a job (the hub's "jobProgress"). Version orders the events of one job.</summary>
public sealed record JobProgress
{
    public string JobId { get; init; } = "";

    public JobStatus Status { get; init; }

    public JobStage Stage { get; init; }

    public int Progress { get; init; }

    public string? Message { get; init; }

    public DateTimeOffset Timestamp { get; init; }

    public long Version { get; init; }

    [JsonIgnore]
    public bool IsFinal => Status.IsFinal();

    /// <summary>The progress a polled job shows (polling has no version).</summary>
    public static JobProgress From(JobInfo job) => new()
    {
        JobId = job.JobId,
        Status = job.Status,
        Stage = job.Stage,
        Progress = job.Progress,
        Message = job.Message,
        Timestamp = job.CompletedAt ?? job.StartedAt ?? job.CreatedAt,
    };
}
