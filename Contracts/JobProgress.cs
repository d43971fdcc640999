using System.Text.Json.Serialization;

namespace OrleansNlp.Contracts;

/// <summary>One live progress event of a job: the hub's "jobProgress" message and the data of an SSE "progress" event.
/// A watcher first gets the job's current state, then each transition; <see cref="Version"/> orders them, so anything
/// not newer than what a watcher has can be ignored.</summary>
public sealed record JobProgress(
    string JobId,
    JobStatus Status,
    JobStage Stage,
    int Progress,
    string Message,
    DateTime Timestamp,
    long Version)
{
    [JsonIgnore]
    public bool IsFinal => Status.IsFinal();

    /// <summary>The progress a polled job shows, at its latest timestamp.</summary>
    public static JobProgress From(JobResponse job) => new(
        job.JobId, job.Status, job.Stage, job.Progress, job.Message ?? "", job.CompletedAt ?? job.StartedAt ?? job.CreatedAt, job.Version);
}
