using Wire = OrleansNlp.Contracts;

namespace OrleansNlp.Models;

/// <summary>The cluster figures as the JSON of GET /api/stats (<c>OrleansNlp.Contracts.StatsResponse</c>).</summary>
public static class StatsResponseMapping
{
    public static Wire.StatsResponse ToResponse(this ClusterStats stats) => new(
        stats.Owner is null ? Wire.StatsScope.Cluster : Wire.StatsScope.Owner,
        stats.GeneratedAt,
        new Wire.JobCounts(stats.Jobs.Pending, stats.Jobs.Processing, stats.Jobs.Completed, stats.Jobs.Failed, stats.Jobs.Cancelled),
        stats.Completions?.ToResponse(),
        stats.Stages is { } stages ? new Wire.StageQueues(stats.Jobs.Pending, stages.Embedding, stages.Llm) : null,
        stats.Silos?.Select(ToResponse).ToArray());

    private static Wire.SiloStats ToResponse(SiloSummary silo) => new(
        silo.Address,
        silo.Name,
        silo.HostName,
        silo.Status,
        silo.StartedAt,
        silo.Load is { Jobs: var jobs } ? new Wire.SiloJobs(jobs.Queued, jobs.Embedding, jobs.Llm) : null,
        silo.Load is { Llm: var llm } ? new Wire.SiloLlmCapacity(llm.InUse, llm.Capacity, llm.Waiting) : null,
        silo.Load?.Completions.ToResponse());

    private static Wire.Throughput ToResponse(this CompletionSeries completions) => new(
        completions.CompletedLastMinute / (double)(CompletionSeries.MinuteBuckets * CompletionSeries.MinuteBucketSeconds),
        completions.CompletedLastHour / (double)(CompletionSeries.HourBuckets * CompletionSeries.HourBucketSeconds),
        completions.LastMinute,
        completions.LastHour);
}
