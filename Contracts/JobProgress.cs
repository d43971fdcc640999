using System.Text.Json.Serialization;

namespace OrleansNlp.Contracts;

/// <summary>One live progress event of a job: the hub's "jobProgress" message and the data of an SSE "progress" event.
/// A watcher first gets the job's current state, then each transition; <see cref="Version"/> orders them, so anything
/// not newer than what a watcher has can be ignored. A dataset job's events also count its rows: <see cref="Total"/>
/// asked for, <see cref="Completed"/> generated and valid so far (both left out for text jobs).</summary>
public sealed record JobProgress(
    string JobId,
    JobStatus Status,
    JobStage Stage,
    int Progress,
    string Message,
    DateTime Timestamp,
    long Version,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Total = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Completed = null)
{
    [JsonIgnore]
    public bool IsFinal => Status.IsFinal();

    /// <summary>The progress a polled job shows, at its latest timestamp.</summary>
    public static JobProgress From(JobResponse job) => new(
        job.JobId, job.Status, job.Stage, job.Progress, job.Message ?? "", job.CompletedAt ?? job.StartedAt ?? job.CreatedAt, job.Version,
        job.Total, job.Completed);
}
