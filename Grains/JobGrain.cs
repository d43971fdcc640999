using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Streams;
using OrleansNlp.Models;

namespace OrleansNlp;

/// <summary>
/// One job. Submit persists it and returns; the pipeline (embedding, then LLM) runs as a background loop on the
/// grain's scheduler. A reminder registered while the job is active restarts the loop after a crash
/// (Orleans' long-running reminder recipe). Every transition is persisted first, then published on the job's stream.
/// </summary>
public sealed class JobGrain(
    [PersistentState(stateName: "job", storageName: StorageNames.Jobs)] IPersistentState<JobState> job,
    IOptions<JobOptions> options,
    ILogger<JobGrain> logger) : Grain, IJobGrain, IRemindable
{
    private const string WatchdogReminderName = "pipeline-watchdog";

    private readonly SemaphoreSlim _transitionLock = new(1, 1);
    private readonly CancellationTokenSource _cancelRequested = new();
    private readonly CancellationTokenSource _deactivating = new();
    private Task? _pipeline;
    private IAsyncStream<JobProgressEvent>? _stream;

    private string JobId => this.GetPrimaryKeyString();

    private JobState State => job.State;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // A job found unfinished was interrupted (crash, shutdown, migration): resume now instead of waiting for the reminder.
        if (job.RecordExists && !State.Status.IsFinal())
        {
            StartPipeline();
        }

        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _deactivating.Cancel();
        if (_pipeline is { IsCompleted: false } pipeline)
        {
            await pipeline.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);
        }
    }

    public async Task<JobSnapshot> SubmitAsync(JobRequest request)
    {
        if (job.RecordExists)
        {
            return Snapshot();
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(request.Text, nameof(request.Text));

        // The reminder goes first: a job that is persisted is then always watched.
        await this.RegisterOrUpdateReminder(WatchdogReminderName, options.Value.WatchdogPeriod, options.Value.WatchdogPeriod);

        var now = DateTime.UtcNow;
        job.State = new JobState
        {
            Request = request,
            Status = JobStatus.Pending,
            Stage = JobStage.Queued,
            Progress = 0,
            Message = "Job accepted",
            CreatedAt = now,
        };
        await PersistAndPublishAsync();
        logger.LogDebug("Job {JobId} accepted", JobId);

        StartPipeline();
        return Snapshot();
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
            await TryTransitionAsync(JobStatus.Cancelled, State.Stage, State.Progress, "Cancelled by request",
                state => state.CompletedAt = DateTime.UtcNow);
            await StopWatchdogAsync();
        }

        return Snapshot();
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (!job.RecordExists || State.Status.IsFinal())
        {
            await StopWatchdogAsync();
            return;
        }

        StartPipeline();
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
            // A stage already under way when this activation started was interrupted: it runs again as a new attempt.
            var resuming = State.Status == JobStatus.Processing;
            while (!State.Status.IsFinal() && !ct.IsCancellationRequested)
            {
                var moved = State.Stage switch
                {
                    JobStage.Queued => await StartEmbeddingAsync(),
                    JobStage.Embedding => await RunEmbeddingAsync(resuming, ct),
                    JobStage.Llm => await RunLlmAsync(resuming, ct),
                    _ => false,
                };
                resuming = false;
                if (!moved)
                {
                    break;
                }
            }

            if (State.Status.IsFinal())
            {
                await StopWatchdogAsync();
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

    private Task<bool> StartEmbeddingAsync() =>
        TryTransitionAsync(JobStatus.Processing, JobStage.Embedding, 10, "Embedding text", state =>
        {
            state.StartedAt = DateTime.UtcNow;
            state.Attempts = state.Attempts with { Embedding = state.Attempts.Embedding + 1 };
        });

    private async Task<bool> RunEmbeddingAsync(bool resuming, CancellationToken ct)
    {
        if (resuming && !await TryTransitionAsync(JobStatus.Processing, JobStage.Embedding, State.Progress,
                "Embedding text again after an interruption",
                state => state.Attempts = state.Attempts with { Embedding = state.Attempts.Embedding + 1 }))
        {
            return false;
        }

        var request = State.Request!;
        var (output, error) = await RunStageAsync(
            () => GrainFactory.GetGrain<IEmbeddingGrain>(0).EmbedAsync(new EmbeddingRequest(request.Text, request.Instruction), ct), ct);
        if (output is null)
        {
            return await FailAsync(error!);
        }

        return await TryTransitionAsync(JobStatus.Processing, JobStage.Llm, 50, "Generating output", state =>
        {
            state.Embedding = output;
            state.Attempts = state.Attempts with { Llm = state.Attempts.Llm + 1 };
        });
    }

    private async Task<bool> RunLlmAsync(bool resuming, CancellationToken ct)
    {
        if (resuming && !await TryTransitionAsync(JobStatus.Processing, JobStage.Llm, State.Progress,
                "Generating output again after an interruption",
                state => state.Attempts = state.Attempts with { Llm = state.Attempts.Llm + 1 }))
        {
            return false;
        }

        var embedding = State.Embedding!;
        var (output, error) = await RunStageAsync(
            () => GrainFactory.GetGrain<ILlmGrain>(0).GenerateAsync(new LlmRequest(State.Request!.Instruction, embedding), ct), ct);
        if (output is null)
        {
            return await FailAsync(error!);
        }

        var result = new JobResult(
            embedding.Analysis,
            new EmbeddingSummary(embedding.Model, embedding.Dimensions, embedding.Chunks.Count),
            output);
        return await TryTransitionAsync(JobStatus.Completed, JobStage.Done, 100, "Completed", state =>
        {
            state.Result = result;
            state.CompletedAt = DateTime.UtcNow;
        });
    }

    /// <summary>Runs one stage call; a failure of the stage itself becomes an error message, cancellation propagates.</summary>
    private async Task<(T? Output, string? Error)> RunStageAsync<T>(Func<Task<T>> call, CancellationToken ct) where T : class
    {
        try
        {
            return (await call(), null);
        }
        catch (Exception exception) when (!ct.IsCancellationRequested)
        {
            logger.LogWarning(exception, "Job {JobId} failed at {Stage}", JobId, State.Stage);
            return (null, $"{State.Stage} stage failed: {exception.Message}");
        }
    }

    private Task<bool> FailAsync(string error) =>
        TryTransitionAsync(JobStatus.Failed, State.Stage, State.Progress, error, state =>
        {
            state.Error = error;
            state.CompletedAt = DateTime.UtcNow;
        });

    /// <summary>Applies a legal transition, persists it, then publishes it. Returns false when the move is illegal
    /// (for instance the job was cancelled meanwhile). Transitions never overlap, so events keep their order.</summary>
    private async Task<bool> TryTransitionAsync(JobStatus status, JobStage stage, int progress, string message, Action<JobState>? update = null)
    {
        await _transitionLock.WaitAsync();
        try
        {
            if (!State.Status.CanMoveTo(status))
            {
                logger.LogInformation("Job {JobId} refused the move from {From} to {To}", JobId, State.Status, status);
                return false;
            }

            State.Status = status;
            State.Stage = stage;
            State.Progress = progress;
            State.Message = message;
            update?.Invoke(State);
            await PersistAndPublishAsync();
            logger.LogDebug("Job {JobId} is {Status} at {Stage}", JobId, status, stage);
            return true;
        }
        finally
        {
            _transitionLock.Release();
        }
    }

    private async Task PersistAndPublishAsync()
    {
        try
        {
            await job.WriteStateAsync();
        }
        catch
        {
            // The in-memory state is now ahead of storage: drop this activation so the next one reloads the truth.
            DeactivateOnIdle();
            throw;
        }

        var progressEvent = new JobProgressEvent(JobId, State.Status, State.Stage, State.Progress, State.Message, DateTime.UtcNow);
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
    }

    private async Task StopWatchdogAsync()
    {
        try
        {
            if (await this.GetReminder(WatchdogReminderName) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }
        }
        catch (Exception exception)
        {
            // A leftover reminder is harmless: its next tick sees a final job and unregisters again.
            logger.LogWarning(exception, "Job {JobId} could not unregister its watchdog reminder", JobId);
        }
    }
}
