using OrleansNlp.Datasets;
using OrleansNlp.Models;
using OrleansNlp.Webhooks;

namespace OrleansNlp;

/// <summary>The durable state of one job (stored under <see cref="StorageNames.Jobs"/>); never leaves the grain. Its
/// guarded methods are the only way it changes: each refuses an illegal move (returns null) or applies the move, bumps
/// <see cref="Version"/> and returns the <see cref="JobChange"/> that the grain then persists and publishes.</summary>
[GenerateSerializer, Alias("OrleansNlp.JobState")]
public sealed class JobState
{
    [Id(0)] public JobRequest? Request { get; private set; }
    [Id(1)] public JobStatus Status { get; private set; }
    [Id(2)] public JobStage Stage { get; private set; }
    [Id(3)] public int Progress { get; private set; }
    [Id(4)] public string Message { get; private set; } = "";
    [Id(5)] public DateTime CreatedAt { get; private set; }
    [Id(6)] public DateTime? StartedAt { get; private set; }
    [Id(7)] public DateTime? CompletedAt { get; private set; }
    [Id(8)] public StageAttempts Attempts { get; private set; } = new();

    /// <summary>Checkpoint of the embedding stage, so that recovery resumes at the LLM stage.</summary>
    [Id(9)] public EmbeddingOutput? Embedding { get; private set; }
    [Id(10)] public JobResult? Result { get; private set; }
    [Id(11)] public string? Error { get; private set; }
    [Id(12)] public DateTime? EmbeddingFinishedAt { get; private set; }

    /// <summary>Attempts made before the last operator retry: the retry limit counts only attempts after it.</summary>
    [Id(13)] public StageAttempts RetryBaseline { get; private set; } = new();
    [Id(14)] public DateTime? ExpiresAt { get; private set; }

    /// <summary>Incremented by every change; orders snapshots and progress events.</summary>
    [Id(15)] public long Version { get; private set; }
    [Id(16)] public int WebhookAttempts { get; private set; }
    [Id(17)] public DateTime? WebhookDeliveredAt { get; private set; }
    [Id(18)] public string? WebhookError { get; private set; }

    /// <summary>When the current run must have ended (Jobs:JobTimeout after acceptance or an operator's retry).</summary>
    [Id(19)] public DateTime? DeadlineAt { get; private set; }

    /// <summary>The silo that ran the latest attempt of each stage (set as an attempt starts).</summary>
    [Id(20)] public StageSilos? RanOn { get; private set; }

    /// <summary>A dataset job's checkpoint: the valid rows generated so far (JSON objects as text), the rows the model
    /// got wrong, and how many generation calls it made. A resumed job continues from here, never regenerating these.</summary>
    [Id(21)] public DatasetDraft? Draft { get; private set; }

    /// <summary>A completed dataset job's table.</summary>
    [Id(22)] public DatasetResult? DatasetResult { get; private set; }

    public bool IsFinal => Status.IsFinal();

    /// <summary>A new job: pending, queued.</summary>
    public JobChange Accept(JobRequest request, DateTime now, TimeSpan? timeLimit = null)
    {
        if (Request is not null)
        {
            throw new InvalidOperationException("The job was already accepted.");
        }

        Request = request;
        CreatedAt = now;
        DeadlineAt = now + timeLimit;
        Status = JobStatus.Pending;
        Stage = JobStage.Queued;
        Progress = 0;
        Message = "Job accepted";
        Version++;
        return new JobChange(null, Status, Publish: true);
    }

    /// <summary>Starts (or restarts, after a crash) an attempt of a stage, on <paramref name="silo"/> when given.</summary>
    public JobChange? EnterStage(JobStage stage, int progress, string message, DateTime now, string? silo = null) =>
        stage is JobStage.Embedding or JobStage.Llm or JobStage.Generation ? Move(JobStatus.Processing, stage, progress, message, () =>
        {
            StartedAt ??= now;
            CountAttempt(stage);
            RecordSilo(stage, silo);
        }) : throw new ArgumentOutOfRangeException(nameof(stage), stage, "Only the embedding, LLM and generation stages run attempts.");

    /// <summary>A dataset job enters a step that calls no model (schema_preparation, validation): no attempt is counted.</summary>
    public JobChange? EnterStep(JobStage stage, int progress, string message, DateTime now) =>
        stage is JobStage.SchemaPreparation or JobStage.Validation && Request?.Dataset is not null
            ? Move(JobStatus.Processing, stage, progress, message, () => StartedAt ??= now)
            : throw new ArgumentOutOfRangeException(nameof(stage), stage, "Only a dataset job's schema_preparation and validation are steps.");

    /// <summary>A dataset job's generation call returned: its rows are the new checkpoint.</summary>
    public JobChange? AddRows(DatasetDraft draft, int progress, string message) =>
        Status == JobStatus.Processing && Stage == JobStage.Generation
            ? Move(JobStatus.Processing, JobStage.Generation, progress, message, () => Draft = draft)
            : null;

    /// <summary>A dataset job ends with its table; the draft it was built in is dropped.</summary>
    public JobChange? CompleteDataset(DatasetResult dataset, string message, DateTime now, TimeSpan retention) =>
        Move(JobStatus.Completed, JobStage.Done, 100, message, () =>
        {
            DatasetResult = dataset;
            Draft = null;
            Finish(now, retention);
        });

    /// <summary>An attempt of the running stage failed transiently: the next one is counted and announced.</summary>
    public JobChange? RetryStage(string message) =>
        Status == JobStatus.Processing ? Move(JobStatus.Processing, Stage, Progress, message, () => CountAttempt(Stage)) : null;

    /// <summary>The embedding stage finished: its output is kept so that recovery resumes at the LLM stage, whose first
    /// attempt starts now (on <paramref name="silo"/> when given).</summary>
    public JobChange? Checkpoint(EmbeddingOutput embedding, DateTime now, string? silo = null) =>
        Status == JobStatus.Processing && Stage == JobStage.Embedding
            ? Move(JobStatus.Processing, JobStage.Llm, 50, "Generating output", () =>
            {
                Embedding = embedding;
                EmbeddingFinishedAt = now;
                CountAttempt(JobStage.Llm);
                RecordSilo(JobStage.Llm, silo);
            })
            : null;

    public JobChange? Complete(JobResult result, string message, DateTime now, TimeSpan retention) =>
        Move(JobStatus.Completed, JobStage.Done, 100, message, () =>
        {
            StartedAt ??= now;
            Result = result;
            // The result keeps what a reader needs (the document vector among it); the chunks were only for recovery.
            Embedding = null;
            Finish(now, retention);
        });

    public JobChange? Fail(string error, DateTime now, TimeSpan retention) =>
        Move(JobStatus.Failed, Stage, Progress, error, () =>
        {
            Error = error;
            Finish(now, retention);
        });

    public JobChange? Cancel(DateTime now, TimeSpan retention) =>
        Move(JobStatus.Cancelled, Stage, Progress, "Cancelled by request", () =>
        {
            // A cancelled job never runs again (only a failed one can be retried from its checkpoint).
            Embedding = null;
            Draft = null;
            Finish(now, retention);
        });

    /// <summary>An operator's retry: the one move out of a final status. The job resumes from its last checkpoint,
    /// its retry limits count afresh, and the new run owes its own webhook.</summary>
    public JobChange? ReopenForRetry(DateTime? now = null, TimeSpan? timeLimit = null)
    {
        if (Status != JobStatus.Failed)
        {
            return null;
        }

        var previous = Status;
        Status = JobStatus.Pending;
        if (Request?.Dataset is not null)
        {
            // A dataset keeps the rows it has and gets a fresh budget of calls for the rest.
            Draft = Draft is { } draft ? draft with { Calls = 0 } : null;
            Stage = Stage == JobStage.Validation ? JobStage.Generation : Stage;
        }

        Message = $"Retry requested; resuming at {Stage}";
        Error = null;
        CompletedAt = null;
        ExpiresAt = null;
        RetryBaseline = Attempts;
        DeadlineAt = now + timeLimit;
        WebhookAttempts = 0;
        WebhookDeliveredAt = null;
        WebhookError = null;
        Version++;
        return new JobChange(previous, Status, Publish: true);
    }

    /// <summary>An unfinished job found by a new activation: up to two moves of the interrupted run may have been
    /// published without being written, so later moves skip their versions rather than reuse them.</summary>
    public void SkipUnwrittenVersions()
    {
        if (Request is not null && !IsFinal)
        {
            Version += 2;
        }
    }

    /// <summary>Whether the final snapshot still has to be delivered to the callbackUrl.</summary>
    public bool OwesWebhook(int maxAttempts) =>
        IsFinal && Request?.CallbackUrl is not null && WebhookDeliveredAt is null && WebhookAttempts < maxAttempts;

    /// <summary>Records a delivery run of the webhook (not published: the job's status did not change).</summary>
    public JobChange? RecordWebhook(WebhookOutcome outcome, int maxAttempts, DateTime now)
    {
        if (!OwesWebhook(maxAttempts))
        {
            return null;
        }

        WebhookAttempts = outcome.GiveUp ? Math.Max(maxAttempts, WebhookAttempts + outcome.Attempts) : WebhookAttempts + outcome.Attempts;
        WebhookError = outcome.Error;
        WebhookDeliveredAt = outcome.Error is null ? now : null;
        Version++;
        return new JobChange(Status, Status, Publish: false);
    }

    /// <summary>Attempts of a stage; a dataset's generation calls the model, so its attempts count as the LLM's.</summary>
    public int AttemptsOf(JobStage stage) => CallsModel(stage) ? Attempts.Llm : Attempts.Embedding;

    public int AttemptsSinceRetryOf(JobStage stage) =>
        AttemptsOf(stage) - (CallsModel(stage) ? RetryBaseline.Llm : RetryBaseline.Embedding);

    private static bool CallsModel(JobStage stage) => stage is JobStage.Llm or JobStage.Generation;

    public JobSnapshot ToSnapshot(string jobId) => new(
        jobId, Status, Stage, Progress, CreatedAt, StartedAt, CompletedAt, Attempts,
        Request?.MetadataJson, Result, Error, Message, Timings(), ExpiresAt, Request?.Priority ?? JobPriority.Normal, Version,
        Request?.CallbackUrl is { } url ? new WebhookDelivery(url, WebhookAttempts, WebhookDeliveredAt, WebhookError) : null,
        Request?.Owner,
        RanOn,
        Request?.ClientId,
        RowCounts().Total,
        RowCounts().Completed,
        DatasetResult);

    /// <summary>A dataset job's rows asked for and valid so far; nulls for a text job.</summary>
    public (int? Total, int? Completed) RowCounts() =>
        Request?.Dataset is { } dataset ? (dataset.Rows, DatasetResult?.Rows.Length ?? Draft?.Rows.Length ?? 0) : (null, null);

    private JobChange? Move(JobStatus status, JobStage stage, int progress, string message, Action? update = null)
    {
        if (Request is null || !Status.CanMoveTo(status))
        {
            return null;
        }

        var previous = Status;
        Status = status;
        Stage = stage;
        Progress = progress;
        Message = message;
        update?.Invoke();
        Version++;
        return new JobChange(previous, status, Publish: true);
    }

    private void Finish(DateTime now, TimeSpan retention)
    {
        CompletedAt = now;
        ExpiresAt = now + retention;
    }

    private void RecordSilo(JobStage stage, string? silo)
    {
        if (silo is not null)
        {
            RanOn = CallsModel(stage) ? (RanOn ?? new()) with { Llm = silo } : (RanOn ?? new()) with { Embedding = silo };
        }
    }

    private void CountAttempt(JobStage stage) => Attempts = CallsModel(stage)
        ? Attempts with { Llm = Attempts.Llm + 1 }
        : Attempts with { Embedding = Attempts.Embedding + 1 };

    private StageTimings? Timings() => StartedAt is null ? null : new StageTimings(
        EmbeddingFinishedAt is { } embedded ? (embedded - StartedAt.Value).TotalMilliseconds : null,
        EmbeddingFinishedAt is { } start && Status == JobStatus.Completed && CompletedAt is { } end ? (end - start).TotalMilliseconds : null);
}
