using OrleansNlp.Contracts;

namespace OrleansNlp.Bench.Pipeline;

/// <summary>The figures the report takes from a job's final snapshot (server-side timestamps and stage timings).</summary>
public sealed record FinalJob(JobStatus Status, DateTime CreatedAt, DateTime? StartedAt, DateTime? CompletedAt, bool Cached,
    double? EmbeddingMs, double? LlmMs)
{
    public static FinalJob From(JobResponse job) => new(job.Status, job.CreatedAt, job.StartedAt, job.CompletedAt,
        job.Result?.Cached ?? false, job.Timings?.EmbeddingMs, job.Timings?.LlmMs);
}
