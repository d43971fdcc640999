namespace OrleansNlp.Models;

/// <summary>What a job tells its batch when its status changes: the new status at the job's version, and for a completed
/// job its language code and sentiment label (each null when unknown or switched off).</summary>
[GenerateSerializer, Immutable, Alias("OrleansNlp.BatchJobUpdate")]
public sealed record BatchJobUpdate(
    [property: Id(0)] string JobId,
    [property: Id(1)] JobStatus Status,
    [property: Id(2)] long Version,
    [property: Id(3)] string? Language = null,
    [property: Id(4)] string? Sentiment = null)
{
    public static BatchJobUpdate Of(JobSnapshot job) =>
        new(job.JobId, job.Status, job.Version, job.Result?.Language?.Code, job.Result?.Sentiment?.Label);
}
