using OrleansNlp.Models;

namespace OrleansNlp;

/// <summary>The durable state of one job (stored under <see cref="StorageNames.Jobs"/>). Never leaves the grain.</summary>
[GenerateSerializer, Alias("OrleansNlp.JobState")]
public sealed class JobState
{
    [Id(0)] public JobRequest? Request { get; set; }
    [Id(1)] public JobStatus Status { get; set; }
    [Id(2)] public JobStage Stage { get; set; }
    [Id(3)] public int Progress { get; set; }
    [Id(4)] public string Message { get; set; } = "";
    [Id(5)] public DateTime CreatedAt { get; set; }
    [Id(6)] public DateTime? StartedAt { get; set; }
    [Id(7)] public DateTime? CompletedAt { get; set; }
    [Id(8)] public StageAttempts Attempts { get; set; } = new();

    /// <summary>Checkpoint of the embedding stage, so that recovery resumes at the LLM stage.</summary>
    [Id(9)] public EmbeddingOutput? Embedding { get; set; }
    [Id(10)] public JobResult? Result { get; set; }
    [Id(11)] public string? Error { get; set; }
    [Id(12)] public DateTime? EmbeddingFinishedAt { get; set; }

    /// <summary>Attempts made before the last operator retry: the retry limit counts only attempts after it.</summary>
    [Id(13)] public StageAttempts RetryBaseline { get; set; } = new();
    [Id(14)] public DateTime? ExpiresAt { get; set; }

    /// <summary>Incremented by every persisted transition; orders snapshots and progress events.</summary>
    [Id(15)] public long Version { get; set; }
    [Id(16)] public int WebhookAttempts { get; set; }
    [Id(17)] public DateTime? WebhookDeliveredAt { get; set; }
    [Id(18)] public string? WebhookError { get; set; }

    public JobSnapshot ToSnapshot(string jobId) => new(
        jobId, Status, Stage, Progress, CreatedAt, StartedAt, CompletedAt, Attempts,
        Request?.MetadataJson, Result, Error, Message, Timings(), ExpiresAt, Request?.Priority ?? JobPriority.Normal, Version,
        Request?.CallbackUrl is { } url ? new WebhookDelivery(url, WebhookAttempts, WebhookDeliveredAt, WebhookError) : null);

    public int AttemptsOf(JobStage stage) => stage == JobStage.Llm ? Attempts.Llm : Attempts.Embedding;

    public int AttemptsSinceRetryOf(JobStage stage) =>
        AttemptsOf(stage) - (stage == JobStage.Llm ? RetryBaseline.Llm : RetryBaseline.Embedding);

    public void CountAttempt(JobStage stage) => Attempts = stage == JobStage.Llm
        ? Attempts with { Llm = Attempts.Llm + 1 }
        : Attempts with { Embedding = Attempts.Embedding + 1 };

    private StageTimings? Timings() => StartedAt is null ? null : new StageTimings(
        EmbeddingFinishedAt is { } embedded ? (embedded - StartedAt.Value).TotalMilliseconds : null,
        EmbeddingFinishedAt is { } start && Status == JobStatus.Completed && CompletedAt is { } end ? (end - start).TotalMilliseconds : null);
}
