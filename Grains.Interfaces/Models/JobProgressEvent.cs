namespace OrleansNlp.Models;

/// <summary>One transition of a job, published on the job's stream after it was persisted. Version orders events
/// and snapshots of one job: a watcher ignores anything not newer than what it has. Total and Completed count a dataset
/// job's rows (null for a text job).</summary>
[GenerateSerializer, Immutable, Alias("OrleansNlp.JobProgressEvent")]
public sealed record JobProgressEvent(
    [property: Id(0)] string JobId,
    [property: Id(1)] JobStatus Status,
    [property: Id(2)] JobStage Stage,
    [property: Id(3)] int Progress,
    [property: Id(4)] string Message,
    [property: Id(5)] DateTime Timestamp,
    [property: Id(6)] long Version = 0,
    [property: Id(7)] int? Total = null,
    [property: Id(8)] int? Completed = null);
