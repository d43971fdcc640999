using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Streams;
using OrleansNlp.Cache;
using OrleansNlp.Index;
using OrleansNlp.Models;
using OrleansNlp.Resilience;
using OrleansNlp.Telemetry;
using OrleansNlp.Text;
using OrleansNlp.Webhooks;
using Polly;

namespace OrleansNlp;

/// <summary>
/// One job. Submit persists it and returns; the pipeline (embedding, then LLM) runs as a background loop on the
/// grain's scheduler. A reminder registered while the job is active restarts the loop after a crash
/// (Orleans' long-running reminder recipe); once the job is final the same reminder deletes it after the retention
/// time. Every transition is persisted first, then published on the job's stream, then indexed by status.
/// </summary>
public sealed class JobGrain(
    [PersistentState(stateName: "job", storageName: StorageNames.Jobs)] IPersistentState<JobState> job,
    IJobIndex index,
    StageCancellation stageCancellation,
    JobResultCache resultCache,
    WebhookSender webhookSender,
    IOptions<WebhookOptions> webhookOptions,
    IOptions<JobOptions> options,
    JobMetrics metrics,
    ILogger<JobGrain> logger) : Grain, IJobGrain, IRemindable
{
    private const string LifecycleReminderName = "lifecycle";

    private readonly JobOptions _options = options.Value;
    private readonly SemaphoreSlim _transitionLock = new(1, 1);
    private readonly CancellationTokenSource _deactivating = new();
    private CancellationTokenSource _cancelRequested = new();
    private Task? _pipeline;
    private Task? _webhook;
    private IAsyncStream<JobProgressEvent>? _stream;

    /// <summary>The stage whose current attempt this activation started (and counted); any other stage found
    /// under way was interrupted and runs again as a new attempt.</summary>
    private JobStage? _attemptOpenFor;

    private string JobId => this.GetPrimaryKeyString();

    private JobState State => job.State;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // A job found unfinished was interrupted (crash, shutdown, migration): resume now instead of waiting for the reminder.
        if (job.RecordExists && !State.Status.IsFinal())
        {
            StartPipeline();
        }
        else if (WebhookPending)
        {
            StartWebhook();
        }

        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _deactivating.Cancel();
        if (_pipeline is { IsCompleted: false } pipeline)
        {
            await pipeline.WaitAsync(cancellationToken)
                .ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);
        }
    }

    public async Task<JobSubmission> SubmitAsync(JobRequest request)
    {
        if (job.RecordExists)
        {
            var outcome = State.Request == request ? SubmitOutcome.Existing : SubmitOutcome.Conflict;
            return new JobSubmission(Snapshot(), outcome);
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(request.Text, nameof(request.Text));
        try
        {
            // The reminder goes first: a job that is persisted is then always watched.
            await this.RegisterOrUpdateReminder(LifecycleReminderName, _options.WatchdogPeriod, _options.WatchdogPeriod);
            job.State = new JobState
            {
                Request = request,
                Status = JobStatus.Pending,
                Stage = JobStage.Queued,
                Progress = 0,
                Message = "Job accepted",
                CreatedAt = DateTime.UtcNow,
            };
            await PersistAsync();
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "Job {JobId} could not be accepted: storage unavailable", JobId);
            job.State = new JobState();
            DeactivateOnIdle();
            throw new JobStoreUnavailableException("Job storage is unavailable; the job was not accepted. Try again shortly.");
        }

        await PublishAndIndexAsync(previous: null);
        metrics.Submitted();
        logger.LogDebug("Job {JobId} accepted", JobId);
        StartPipeline();
        return new JobSubmission(Snapshot(), SubmitOutcome.Created);
    }

    public Task<JobSnapshot?> GetStatusAsync() =>
        Task.FromResult(job.RecordExists ? Snapshot() : null);

    public async Task<JobSnapshot?> CancelAsync()
    {
        if (!job.RecordExists)
        {
            return null;
        }

        if (!State.Status.IsFinal())
        {
            _cancelRequested.Cancel();
            await FinishAsync(JobStatus.Cancelled, "Cancelled by request");
        }

        return Snapshot();
    }

    public async Task<JobSubmission?> RetryAsync()
    {
        if (!job.RecordExists)
        {
            return null;
        }

        if (State.Status != JobStatus.Failed)
        {
            return new JobSubmission(Snapshot(), SubmitOutcome.Conflict);
        }

        // Let the failed run's pipeline and webhook finish first, so neither acts on the retried job.
        foreach (var background in new[] { _pipeline, _webhook })
        {
            if (background is { IsCompleted: false })
            {
                await background.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);
            }
        }

        if (State.Status != JobStatus.Failed)
        {
            return new JobSubmission(Snapshot(), SubmitOutcome.Conflict);
        }

        await this.RegisterOrUpdateReminder(LifecycleReminderName, _options.WatchdogPeriod, _options.WatchdogPeriod);
        await _transitionLock.WaitAsync();
        try
        {
            // An operator's retry is the one move out of a final status; it resumes from the last checkpoint.
            State.Status = JobStatus.Pending;
            State.Message = $"Retry requested; resuming at {State.Stage}";
            State.Error = null;
            State.CompletedAt = null;
            State.ExpiresAt = null;
            State.RetryBaseline = State.Attempts;
            // The retried run ends with its own final snapshot, which the webhook then delivers.
            State.WebhookAttempts = 0;
            State.WebhookDeliveredAt = null;
            State.WebhookError = null;
            await PersistAsync();
            await PublishAndIndexAsync(JobStatus.Failed);
        }
        finally
        {
            _transitionLock.Release();
        }

        _cancelRequested = new CancellationTokenSource();
        _attemptOpenFor = null;
        metrics.Retried();
        StartPipeline();
        return new JobSubmission(Snapshot(), SubmitOutcome.Created);
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (!job.RecordExists)
        {
            await StopReminderAsync();
            return;
        }

        if (!State.Status.IsFinal())
        {
            StartPipeline();
            return;
        }

        if (WebhookPending)
        {
            StartWebhook();
        }
        else if (State.ExpiresAt is { } expiresAt && DateTime.UtcNow >= expiresAt)
        {
            await ExpireAsync();
        }
        else
        {
            await ScheduleExpiryAsync();
        }
    }

    private JobSnapshot Snapshot() => State.ToSnapshot(JobId);

    private void StartPipeline()
    {
        if (_pipeline is null or { IsCompleted: true })
        {
            _pipeline = RunPipelineAsync();
        }
    }

    private async Task RunPipelineAsync()
    {
        // Leave the current grain turn first: Submit must return without waiting for any stage.
        await Task.Yield();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(_cancelRequested.Token, _deactivating.Token);
        var ct = stop.Token;
        try
        {
            while (!State.Status.IsFinal() && !ct.IsCancellationRequested)
            {
                var moved = State.Stage switch
                {
                    JobStage.Queued => await CompleteFromCacheAsync()
                        || await EnterStageAsync(JobStage.Embedding, 10, "Embedding text", state => state.StartedAt ??= DateTime.UtcNow),
                    JobStage.Embedding => await RunEmbeddingAsync(ct),
                    JobStage.Llm => await RunLlmAsync(ct),
                    _ => false,
                };
                if (!moved)
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Cancelled by the user (the state already says so) or deactivating (the reminder resumes the job).
        }
        catch (Exception exception)
        {
            // Persisting failed (storage unavailable): the activation is reset and the reminder resumes the job later.
            logger.LogWarning(exception, "Job {JobId} paused at {Stage}; the watchdog will resume it", JobId, State.Stage);
        }
    }

    private async Task<bool> RunEmbeddingAsync(CancellationToken ct)
    {
        var request = State.Request!;
        var output = await RunStageAsync(JobStage.Embedding,
            token => AbandonableCall.WaitAsync(GrainFactory.GetGrain<IEmbeddingGrain>(0).EmbedAsync(new EmbeddingRequest(request.Text, request.Instruction, JobId)), token), ct);
        return output is not null && await EnterStageAsync(JobStage.Llm, 50, "Generating output", state =>
        {
            state.Embedding = output;
            state.EmbeddingFinishedAt = DateTime.UtcNow;
        });
    }

    private async Task<bool> RunLlmAsync(CancellationToken ct)
    {
        var embedding = State.Embedding!;
        var output = await RunStageAsync(JobStage.Llm,
            token => GrainFactory.GetGrain<ILlmGrain>(0).GenerateAsync(new LlmRequest(State.Request!.Instruction, embedding, JobId, State.Request.Priority, _options.StageTimeout), token), ct);
        if (output is null)
        {
            return false;
        }

        // The word statistics need no model: the job computes them itself rather than ship them through a stage.
        var result = new JobResult(
            TextAnalyzer.Analyze(State.Request!.Text),
            new EmbeddingSummary(embedding.Model, embedding.Dimensions, embedding.Chunks.Count, embedding.DocumentVector),
            output);
        var completed = await FinishAsync(JobStatus.Completed, "Completed", state => state.Result = result);
        if (completed)
        {
            await resultCache.StoreAsync(State.Request!, result);
        }

        return completed;
    }

    /// <summary>An identical earlier job's result completes this one without running either stage.</summary>
    private async Task<bool> CompleteFromCacheAsync() =>
        await resultCache.TryGetAsync(State.Request!) is { } cached
        && await FinishAsync(JobStatus.Completed, "Completed from the result cache", state =>
        {
            state.StartedAt ??= DateTime.UtcNow;
            state.Result = cached;
        });

    /// <summary>Runs a stage with retries and a time limit per attempt. Returns null when the job failed
    /// (the failure is recorded) or was cancelled meanwhile.</summary>
    private async Task<T?> RunStageAsync<T>(JobStage stage, Func<CancellationToken, Task<T>> call, CancellationToken ct) where T : class
    {
        if (_attemptOpenFor != stage)
        {
            // The stage was under way when this activation started (crash, retry): this run is a new attempt.
            if (State.AttemptsSinceRetryOf(stage) > _options.StageRetries)
            {
                await FailAsync(stage, $"{StageName(stage)} stage gave up after {State.AttemptsSinceRetryOf(stage)} attempts");
                return null;
            }

            if (!await EnterStageAsync(stage, State.Progress, $"{StageName(stage)} stage running again (attempt {State.AttemptsOf(stage) + 1})"))
            {
                return null;
            }
        }

        var retriesLeft = Math.Max(0, _options.StageRetries - (State.AttemptsSinceRetryOf(stage) - 1));
        // The LLM worker applies the stage time limit itself once it holds a capacity slot; here it only bounds the wait too.
        var timeout = stage == JobStage.Llm ? _options.StageTimeout + _options.LlmQueueTimeout : _options.StageTimeout;
        var pipeline = StageRetryPolicy.Create(_options, retriesLeft, timeout, (attempt, delay, failure) =>
            new ValueTask(OnRetryAsync(stage, delay, failure)));
        // Polly must resume on the grain's scheduler: grain state is single-threaded.
        var context = ResilienceContextPool.Shared.Get(continueOnCapturedContext: true, ct);
        try
        {
            return await pipeline.ExecuteAsync(async (ctx, call) =>
            {
                // A token of this attempt's own, cancelled when the attempt ends however it ends (an Orleans response
                // timeout does not cancel Polly's), so a worker left running stops; Polly reuses its pooled sources.
                using var attempt = CancellationTokenSource.CreateLinkedTokenSource(ctx.CancellationToken);
                using var registration = stageCancellation.Register(JobId, attempt.Token);
                try
                {
                    return await call(attempt.Token);
                }
                finally
                {
                    attempt.Cancel();
                }
            }, context, call);
        }
        catch (Exception exception) when (!ct.IsCancellationRequested && exception is not JobStoreUnavailableException)
        {
            var attempts = State.AttemptsSinceRetryOf(stage);
            var reason = TransientFailures.IsTransient(exception)
                ? $"{StageName(stage)} stage failed after {attempts} attempt(s): {exception.Message}"
                : $"{StageName(stage)} stage failed: {exception.Message}";
            logger.LogWarning(exception, "Job {JobId} failed at {Stage}", JobId, stage);
            await FailAsync(stage, reason);
            return null;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private async Task OnRetryAsync(JobStage stage, TimeSpan delay, Exception failure)
    {
        logger.LogInformation("Job {JobId} retries {Stage} in {Delay}: {Reason}", JobId, stage, delay, failure.Message);
        var message = $"{StageName(stage)} attempt {State.AttemptsOf(stage)} failed ({failure.Message}); retrying in {delay.TotalSeconds:0.#} s";
        await TryTransitionAsync(JobStatus.Processing, stage, State.Progress, message, state => state.CountAttempt(stage));
    }

    private static string StageName(JobStage stage) => stage == JobStage.Llm ? "LLM" : "Embedding";

    private async Task<bool> EnterStageAsync(JobStage stage, int progress, string message, Action<JobState>? update = null)
    {
        var entered = await TryTransitionAsync(JobStatus.Processing, stage, progress, message, state =>
        {
            update?.Invoke(state);
            state.CountAttempt(stage);
        });
        if (entered)
        {
            _attemptOpenFor = stage;
        }

        return entered;
    }

    private Task<bool> FailAsync(JobStage stage, string error) =>
        FinishAsync(JobStatus.Failed, error, state =>
        {
            state.Stage = stage;
            state.Error = error;
        });

    /// <summary>Moves to a final status; the lifecycle reminder then waits out the retention time.</summary>
    private async Task<bool> FinishAsync(JobStatus status, string message, Action<JobState>? update = null)
    {
        var stage = status == JobStatus.Completed ? JobStage.Done : State.Stage;
        var progress = status == JobStatus.Completed ? 100 : State.Progress;
        var finished = await TryTransitionAsync(status, stage, progress, message, state =>
        {
            update?.Invoke(state);
            state.CompletedAt = DateTime.UtcNow;
            state.ExpiresAt = state.CompletedAt + _options.Retention;
        });
        if (finished)
        {
            metrics.Finished(status, State.Result?.Cached ?? false, State.CreatedAt, State.CompletedAt!.Value);
            await ScheduleExpiryAsync();
            if (WebhookPending)
            {
                StartWebhook();
            }
        }

        return finished;
    }

    /// <summary>Applies a legal transition, persists it, then publishes and indexes it. Returns false when the move
    /// is illegal (for instance the job was cancelled meanwhile). Transitions never overlap, so events keep their order.</summary>
    private async Task<bool> TryTransitionAsync(JobStatus status, JobStage stage, int progress, string message, Action<JobState>? update = null)
    {
        await _transitionLock.WaitAsync();
        try
        {
            if (!State.Status.CanMoveTo(status))
            {
                logger.LogDebug("Job {JobId} refused the move from {From} to {To}", JobId, State.Status, status);
                return false;
            }

            var previous = State.Status;
            State.Status = status;
            State.Stage = stage;
            State.Progress = progress;
            State.Message = message;
            update?.Invoke(State);
            await PersistAsync();
            await PublishAndIndexAsync(previous);
            logger.LogDebug("Job {JobId} is {Status} at {Stage}", JobId, status, stage);
            return true;
        }
        finally
        {
            _transitionLock.Release();
        }
    }

    private async Task PersistAsync()
    {
        State.Version++;
        try
        {
            await job.WriteStateAsync();
        }
        catch (Exception exception)
        {
            // The in-memory state is now ahead of storage: drop this activation so the next one reloads the truth.
            DeactivateOnIdle();
            logger.LogWarning(exception, "Job {JobId} could not be persisted", JobId);
            throw new JobStoreUnavailableException("Job storage is unavailable; the job was not changed. Try again shortly.");
        }
    }

    private async Task PublishAndIndexAsync(JobStatus? previous)
    {
        var progressEvent = new JobProgressEvent(JobId, State.Status, State.Stage, State.Progress, State.Message, DateTime.UtcNow, State.Version);
        try
        {
            _stream ??= this.GetStreamProvider(JobStreams.ProviderName).GetStream<JobProgressEvent>(JobStreams.ForJob(JobId));
            await _stream.OnNextAsync(progressEvent);
        }
        catch (Exception exception)
        {
            // The stream only notifies; the persisted state stays the truth that watchers re-read.
            logger.LogWarning(exception, "Job {JobId} could not publish its progress event", JobId);
        }

        if (previous != State.Status)
        {
            try
            {
                await index.SetStatusAsync(JobId, previous, State.Status, State.CreatedAt);
            }
            catch (Exception exception)
            {
                logger.LogWarning(exception, "Job {JobId} could not update the status index", JobId);
            }
        }
    }

    /// <summary>While a webhook is owed, the reminder keeps ticking at the watchdog period to retry it; then it fires
    /// when the job expires.</summary>
    private async Task ScheduleExpiryAsync()
    {
        if (!State.Status.IsFinal())
        {
            return;
        }

        try
        {
            if (WebhookPending)
            {
                await this.RegisterOrUpdateReminder(LifecycleReminderName, _options.WatchdogPeriod, _options.WatchdogPeriod);
                return;
            }

            var period = _options.Retention > _options.WatchdogPeriod ? _options.Retention : _options.WatchdogPeriod;
            var due = State.ExpiresAt is { } expiresAt ? expiresAt - DateTime.UtcNow : _options.Retention;
            await this.RegisterOrUpdateReminder(LifecycleReminderName, due > TimeSpan.FromSeconds(1) ? due : TimeSpan.FromSeconds(1), period);
        }
        catch (Exception exception)
        {
            // The watchdog reminder still ticks; its next tick sees a final job and schedules nothing, so retry then.
            logger.LogWarning(exception, "Job {JobId} could not schedule its expiry", JobId);
        }
    }

    private bool WebhookPending =>
        job.RecordExists && State.Status.IsFinal() && State.Request?.CallbackUrl is not null
        && State.WebhookDeliveredAt is null && State.WebhookAttempts < webhookOptions.Value.MaxAttempts;

    private void StartWebhook()
    {
        if (_webhook is null or { IsCompleted: true })
        {
            _webhook = DeliverWebhookAsync();
        }
    }

    /// <summary>Delivers the final snapshot with a few quick retries; if they all fail, the reminder tries again
    /// later, up to the configured number of attempts. A success is recorded, so it is never delivered again.</summary>
    private async Task DeliverWebhookAsync()
    {
        await Task.Yield();
        var settings = webhookOptions.Value;
        var url = State.Request!.CallbackUrl!;
        if (!settings.IsAllowed(new Uri(url)))
        {
            // The allow-list changed since the job was accepted: never call a host that is not on it.
            State.WebhookAttempts = settings.MaxAttempts;
            State.WebhookError = "The callback host is not on the allow-list.";
            return;
        }

        var quickRetries = Math.Min(3, settings.MaxAttempts - State.WebhookAttempts - 1);
        var builder = new ResiliencePipelineBuilder();
        if (quickRetries > 0)
        {
            builder.AddRetry(new Polly.Retry.RetryStrategyOptions
            {
                MaxRetryAttempts = quickRetries,
                Delay = settings.RetryBaseDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = new PredicateBuilder().Handle<Exception>(exception => exception is not OperationCanceledException || !_deactivating.IsCancellationRequested),
            });
        }

        var context = ResilienceContextPool.Shared.Get(continueOnCapturedContext: true, _deactivating.Token);
        var finalSnapshot = Snapshot();
        string? error = null;
        try
        {
            await builder.Build().ExecuteAsync(async ctx =>
            {
                State.WebhookAttempts++;
                await webhookSender.SendAsync(url, finalSnapshot, ctx.CancellationToken);
            }, context);
        }
        catch (Exception exception) when (!_deactivating.IsCancellationRequested)
        {
            error = exception.Message;
            logger.LogWarning("Job {JobId} could not deliver its webhook (attempt {Attempt}): {Reason}", JobId, State.WebhookAttempts, exception.Message);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }

        if (!State.Status.IsFinal())
        {
            // An operator retried the job meanwhile: its new run will deliver its own final snapshot.
            return;
        }

        await _transitionLock.WaitAsync();
        try
        {
            State.WebhookError = error;
            State.WebhookDeliveredAt = error is null ? DateTime.UtcNow : null;
            await PersistAsync();
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "Job {JobId} could not record its webhook delivery", JobId);
            return;
        }
        finally
        {
            _transitionLock.Release();
        }

        await ScheduleExpiryAsync();
    }

    private async Task ExpireAsync()
    {
        var status = State.Status;
        await job.ClearStateAsync();
        await index.RemoveAsync(JobId, status);
        await StopReminderAsync();
        logger.LogDebug("Job {JobId} expired and was deleted", JobId);
        DeactivateOnIdle();
    }

    private async Task StopReminderAsync()
    {
        try
        {
            if (await this.GetReminder(LifecycleReminderName) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }
        }
        catch (Exception exception)
        {
            // A leftover reminder is harmless: its next tick finds no job and unregisters again.
            logger.LogWarning(exception, "Job {JobId} could not unregister its reminder", JobId);
        }
    }
}
