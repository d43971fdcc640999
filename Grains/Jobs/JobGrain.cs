using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansNlp.Analysis;
using OrleansNlp.Batches;
using OrleansNlp.Cache;
using OrleansNlp.Datasets;
using OrleansNlp.Index;
using OrleansNlp.Jobs;
using OrleansNlp.Llm;
using OrleansNlp.Models;
using OrleansNlp.Telemetry;
using OrleansNlp.Webhooks;

namespace OrleansNlp;

/// <summary>
/// One job. Submit persists it and returns; the pipeline (embedding, then LLM) runs as a background loop on the
/// grain's scheduler. The cluster's <see cref="JobWatchdogGrain"/> wakes unfinished jobs (resuming those whose silo
/// died) and deletes final ones after the retention time, so a job needs no reminder of its own; only a webhook whose
/// quick retries failed keeps one until it is delivered or given up. Every change is a guarded <see cref="JobState"/>
/// move recorded by the <see cref="JobJournal"/>.
/// Jobs are placed on the silo with the fewest activations (of two picked at random): a job's cost is mostly the
/// capacity slots it holds on its silo (LLM calls, the embedding batcher), which follow the jobs running there.
/// </summary>
[Orleans.Placement.ActivationCountBasedPlacement]
public sealed class JobGrain(
    [PersistentState(stateName: "job", storageName: StorageNames.Jobs)] IPersistentState<JobState> job,
    IJobIndex index,
    StageCancellation stageCancellation,
    StageRetryPolicy stageRetry,
    JobResultCache resultCache,
    TextInsightsAnalyzer analyzer,
    IOptions<DatasetOptions> datasetOptions,
    IOptions<LlmOptions> llmOptions,
    WebhookDispatcher webhooks,
    IOptions<JobOptions> options,
    JobMetrics metrics,
    ILogger<JobGrain> logger) : Grain, IJobGrain, IRemindable, IIncomingGrainCallFilter
{
    private readonly JobOptions _options = options.Value;
    private readonly SemaphoreSlim _changeLock = new(1, 1);
    private readonly CancellationTokenSource _deactivating = new();
    private CancellationTokenSource _cancelRequested = new();
    private JobJournal _journal = null!;
    private JobPipeline _pipeline = null!;
    private JobWebhook _webhook = null!;
    private Task? _running;

    /// <summary>The job before the move being recorded: a move is visible once persisted and indexed.</summary>
    private JobSnapshot? _recording;
    private Task? _delivery;
    private IGrainTimer? _release;
    private IGrainTimer? _indexCatchUp;

    private string? _jobId;

    /// <summary>Decoded from the grain id once: every component of the job is made with it.</summary>
    internal string JobId => _jobId ??= this.GetPrimaryKeyString();

    private JobState State => job.State;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // A failed write leaves the in-memory state ahead of storage: drop this activation so the next one reloads the truth.
        _journal = new JobJournal(JobId, job, this.GetStreamProvider(JobStreams.ProviderName), index, DeactivateOnIdle, logger, metrics.Occupancy,
            GrainFactory, _options.ListProcessingAfter > TimeSpan.Zero ? ScheduleIndexCatchUp : null);
        // One pair of delegates for all four components: four allocations fewer per job, each kept as long as the activation.
        Func<JobState> state = () => State;
        Func<Func<JobState, JobChange?>, Task<bool>> apply = ApplyAsync;
        var stages = new StageRunner(JobId, _options, stageCancellation, stageRetry, state, apply, logger, GrainContext.Address.SiloAddress!.ToParsableString());
        var datasets = new DatasetPipeline(JobId, _options, datasetOptions.Value, llmOptions.Value.IsOpenAi, GrainFactory, stages, state, apply, logger);
        _pipeline = new JobPipeline(JobId, _options, GrainFactory, resultCache, analyzer, stages, datasets, !llmOptions.Value.IsOpenAi, state, apply, logger);
        _webhook = new JobWebhook(JobId, webhooks, new JobReminder(this, JobId, _options, logger), state, apply, logger);
        // A job found unfinished was interrupted (crash, shutdown, migration): resume now, persisting every move from here.
        if (job.RecordExists && !State.IsFinal)
        {
            _pipeline.Resumed = true;
            State.SkipUnwrittenVersions();
            using (JobLogScope.Begin(logger, JobId))
            {
                StartPipeline();
            }
        }
        else if (job.RecordExists && _webhook.IsOwed)
        {
            StartWebhook();
        }

        if (job.RecordExists && State.IsFinal)
        {
            ScheduleRelease();
        }

        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _deactivating.Cancel();
        // Both stop at the token; a delivery must not record its outcome after the next activation took over.
        await Task.WhenAll(new[] { _running, _delivery }.OfType<Task>()).WaitAsync(cancellationToken)
            .ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);

        await _journal.FlushAsync();
        _journal.Leave();
    }

    /// <summary>Every call to the job runs in its <see cref="JobLogScope"/>, and so does the pipeline a call starts.</summary>
    async Task IIncomingGrainCallFilter.Invoke(IIncomingGrainCallContext context)
    {
        using (JobLogScope.Begin(logger, JobId))
        {
            await context.Invoke();
        }
    }

    public async Task<JobSubmission> SubmitAsync(JobRequest request)
    {
        if (job.RecordExists)
        {
            return new JobSubmission(Snapshot(), State.Request == request ? SubmitOutcome.Existing : SubmitOutcome.Conflict);
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(request.Text, nameof(request.Text));
        try
        {
            await _journal.RecordAsync(State.Accept(request, DateTime.UtcNow, _options.JobTimeout));
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "Job {JobId} could not be accepted: storage unavailable", JobId);
            job.State = new JobState();
            DeactivateOnIdle();
            throw new JobStoreUnavailableException("Job storage is unavailable; the job was not accepted. Try again shortly.");
        }

        metrics.Submitted();
        StartPipeline();
        return new JobSubmission(Snapshot(), SubmitOutcome.Created);
    }

    public Task<JobSnapshot?> GetStatusAsync() => Task.FromResult(_recording ?? (job.RecordExists ? Snapshot() : null));

    public async Task<JobSnapshot?> WatchAsync()
    {
        // Between moves: a move recorded before this is in the snapshot, and one recorded after it is published.
        await _changeLock.WaitAsync();
        try
        {
            _journal.Watched = true;
            return job.RecordExists ? Snapshot() : null;
        }
        finally
        {
            _changeLock.Release();
        }
    }

    public Task<DatasetRowsPage?> GetRowsAsync(int offset, int limit) =>
        Task.FromResult(job.RecordExists && State.DatasetResult is { } dataset
            ? new DatasetRowsPage(dataset.Rows.Length, dataset.Rows.Skip(Math.Max(0, offset)).Take(Math.Max(0, limit)).ToImmutableArray())
            : null);

    public async Task<JobSnapshot?> CancelAsync()
    {
        if (!job.RecordExists)
        {
            return null;
        }

        // A final job refuses the move; its token has nothing left to stop, and a retry makes a new one.
        _cancelRequested.Cancel();
        await ApplyAsync(state => state.Cancel(DateTime.UtcNow, _options.Retention));
        return Snapshot();
    }

    public async Task<JobSubmission?> RetryAsync()
    {
        if (!job.RecordExists)
        {
            return null;
        }

        if (State.Status == JobStatus.Failed)
        {
            // Let the failed run's pipeline and webhook finish first, so neither acts on the retried job.
            await Task.WhenAll(new[] { _running, _delivery }.OfType<Task>())
                .ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);
        }

        if (!await ApplyAsync(state => state.ReopenForRetry(DateTime.UtcNow, _options.JobTimeout)))
        {
            return new JobSubmission(Snapshot(), SubmitOutcome.Conflict);
        }

        _cancelRequested = new CancellationTokenSource();
        _pipeline.Stages.Forget();
        metrics.Retried();
        StartPipeline();
        return new JobSubmission(Snapshot(), SubmitOutcome.Created);
    }

    public async Task<bool> WakeAsync(JobStatus listedAs)
    {
        // Between moves: the pipeline runs beside calls, and a move applied in memory but not yet persisted must not be
        // indexed (nor its webhook sent) by a wake-up; a move whose write failed is dropped with this activation.
        await _changeLock.WaitAsync();
        try
        {
            if (!job.RecordExists)
            {
                return false;
            }

            if (_journal.WriteFailed)
            {
                return true;
            }

            if (!State.IsFinal)
            {
                StartPipeline();
            }
            else if (_webhook.IsOwed)
            {
                StartWebhook();
            }
            else if (State.ExpiresAt <= DateTime.UtcNow)
            {
                await _journal.DeleteAsync();
                DeactivateOnIdle();
                return true;
            }

            if (State.Status != listedAs)
            {
                await _journal.ReindexAsync();
            }

            return true;
        }
        finally
        {
            _changeLock.Release();
        }
    }

    /// <summary>The reminder of a job that owes a webhook after its quick retries failed.</summary>
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        _webhook.Reminder.Registered = true;
        if (job.RecordExists && _webhook.IsOwed)
        {
            StartWebhook();
        }
        else
        {
            await _webhook.Reminder.StopAsync();
        }
    }

    private JobSnapshot Snapshot() => State.ToSnapshot(JobId);

    /// <summary>Applies a guarded move and records it; false when the move was refused (for instance the job was
    /// cancelled meanwhile). Moves never overlap, so events keep their order.</summary>
    private async Task<bool> ApplyAsync(Func<JobState, JobChange?> move)
    {
        await _changeLock.WaitAsync();
        var before = Snapshot();
        try
        {
            if (move(State) is not { } change)
            {
                return false;
            }

            _recording = before;
            await _journal.RecordAsync(change);
            if (change.StatusChanged)
            {
                BatchLink.Tell(GrainFactory, State.Request, Snapshot(), logger);
            }

            if (change.StatusChanged && State.IsFinal)
            {
                metrics.Finished(State.Status, State.Result?.Cached ?? false, State.CreatedAt, State.CompletedAt!.Value);
                if (_webhook.IsOwed)
                {
                    StartWebhook();
                }

                // A final move indexes the job itself; a retry that reopens it schedules a new catch-up.
                _indexCatchUp?.Dispose();
                _indexCatchUp = null;
                ScheduleRelease();
            }

            return true;
        }
        finally
        {
            _recording = null;
            _changeLock.Release();
        }
    }

    private void StartPipeline()
    {
        if (_running is null or { IsCompleted: true })
        {
            _running = _pipeline.RunAsync(_cancelRequested.Token, _deactivating.Token);
        }
    }

    /// <summary>A final job leaves memory once Jobs:FinishedActivationLifetime has passed and no webhook is owed.</summary>
    private void ScheduleRelease()
    {
        _release ??= this.RegisterGrainTimer(
            () =>
            {
                if (State.IsFinal && !_webhook.IsOwed && _delivery is null or { IsCompleted: true })
                {
                    DeactivateOnIdle();
                }

                return Task.CompletedTask;
            },
            new GrainTimerCreationOptions(_options.FinishedActivationLifetime, _options.FinishedActivationLifetime) { Interleave = true, KeepAlive = false });
    }

    /// <summary>The job started processing without moving in the index: move it there if it is still unfinished after
    /// Jobs:ListProcessingAfter.</summary>
    private void ScheduleIndexCatchUp()
    {
        if (_indexCatchUp is not null)
        {
            _indexCatchUp.Change(_options.ListProcessingAfter, Timeout.InfiniteTimeSpan);
            return;
        }

        _indexCatchUp = this.RegisterGrainTimer(
            async () =>
            {
                await _changeLock.WaitAsync();
                try
                {
                    await _journal.CatchUpIndexAsync();
                }
                finally
                {
                    _changeLock.Release();
                }
            },
            new GrainTimerCreationOptions(_options.ListProcessingAfter, Timeout.InfiniteTimeSpan) { Interleave = true, KeepAlive = false });
    }

    private void StartWebhook()
    {
        if (_delivery is null or { IsCompleted: true })
        {
            _delivery = _webhook.DeliverAsync(_deactivating.Token);
        }
    }
}
