using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Streams;
using OrleansNlp.Batches;
using OrleansNlp.Models;

namespace OrleansNlp;

/// <summary>
/// One batch. Submit persists the texts and the batch's progress state and returns; the jobs (ids fixed by batch and
/// position, see <see cref="BatchJobIds"/>) are then created in the background, a bounded number at a time. Jobs tell
/// the batch when their status changes (one-way); the batch also reads the snapshots of the jobs it counts as
/// unfinished when it is activated and when it has heard nothing for a watchdog period, so a lost message or a crash
/// costs nothing. Changes are recorded (persisted, then published on the batch's stream) at most every
/// Batches:ProgressInterval. A reminder lives while the batch is unfinished (it finishes an interrupted fan-out or
/// cancellation) and then until the batch expires, Jobs:Retention after it ended.
/// </summary>
public sealed class BatchGrain(
    [PersistentState(stateName: "batch", storageName: StorageNames.Jobs)] IPersistentState<BatchState> batch,
    [PersistentState(stateName: "batch-input", storageName: StorageNames.Jobs)] IPersistentState<BatchInput> input,
    IOptions<JobOptions> jobOptions,
    IOptions<BatchOptions> batchOptions,
    ILogger<BatchGrain> logger) : Grain, IBatchGrain, IRemindable
{
    private const string ReminderName = "batch";
    private readonly JobOptions _jobs = jobOptions.Value;
    private readonly BatchOptions _options = batchOptions.Value;
    private readonly SemaphoreSlim _recordLock = new(1, 1);
    private readonly CancellationTokenSource _deactivating = new();
    private BatchSnapshot? _snapshot;
    private IAsyncStream<BatchProgressEvent>? _stream;
    private IGrainTimer? _timer;
    private Task? _running;
    private bool _dirty;
    private bool _writeFailed;
    private DateTime _lastHeard = DateTime.UtcNow;

    private string BatchId => this.GetPrimaryKeyString();

    private BatchState State => batch.State;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (batch.RecordExists)
        {
            _snapshot = State.ToSnapshot(BatchId);
            if (!State.IsFinal)
            {
                // Whatever happened while no activation listened: read the unfinished jobs, then go on where it stopped.
                StartTimer();
                StartRun(reconcile: true);
            }
        }

        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _deactivating.Cancel();
        _timer?.Dispose();
        if (_running is { } running)
        {
            await running.WaitAsync(cancellationToken)
                .ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);
        }

        if (_dirty)
        {
            await RecordAsync();
        }
    }

    public async Task<BatchSubmission> SubmitAsync(BatchRequest request)
    {
        if (batch.RecordExists)
        {
            return new BatchSubmission(_snapshot!, State.RequestDigest == request.Digest() ? SubmitOutcome.Existing : SubmitOutcome.Conflict);
        }

        try
        {
            // The texts first: a batch state on record always has its texts until every job exists.
            input.State.Request = request;
            await input.WriteStateAsync();
            // Then the reminder: a batch on record always has one, so it is finished elsewhere if this silo dies during
            // the fan-out, and resumed if the fan-out stops (storage down). One that finds no batch deletes itself.
            await this.RegisterOrUpdateReminder(ReminderName, _jobs.WatchdogPeriod, _jobs.WatchdogPeriod);
            State.Accept(request, DateTime.UtcNow);
            await batch.WriteStateAsync();
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "Batch {BatchId} could not be accepted: storage or reminders unavailable", BatchId);
            batch.State = new BatchState();
            input.State = new BatchInput();
            DeactivateOnIdle();
            throw new JobStoreUnavailableException("Job storage is unavailable; the batch was not accepted. Try again shortly.");
        }

        _snapshot = State.ToSnapshot(BatchId);
        StartTimer();
        StartRun(reconcile: false);
        logger.LogInformation("Batch {BatchId} accepted with {Total} texts", BatchId, request.Texts.Count);
        return new BatchSubmission(_snapshot, SubmitOutcome.Created);
    }

    public Task<BatchSnapshot?> GetStatusAsync()
    {
        if (!batch.RecordExists)
        {
            return Task.FromResult<BatchSnapshot?>(null);
        }

        if (!State.IsFinal && DateTime.UtcNow - _lastHeard >= _jobs.WatchdogPeriod)
        {
            // Nothing heard for a while: the counts may be stale (a lost message); read the jobs in the background.
            StartRun(reconcile: true);
        }

        return Task.FromResult(_snapshot);
    }

    public async Task<BatchSnapshot?> CancelAsync()
    {
        if (!batch.RecordExists)
        {
            return null;
        }

        if (State.IsFinal)
        {
            return _snapshot;
        }

        if (!State.CancelRequested)
        {
            // Persisted before any job is cancelled: a fan-out resumed after a crash creates no more jobs.
            State.RequestCancel();
            if (!await RecordAsync())
            {
                throw new JobStoreUnavailableException("Job storage is unavailable; the batch was not cancelled. Try again shortly.");
            }
        }

        if (_running is { } running)
        {
            // The fan-out stops at its next job; the cancellation then runs with nothing else creating jobs.
            await running.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);
        }

        StartRun(reconcile: false);
        await _running!.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);
        return _snapshot;
    }

    public Task JobChangedAsync(BatchJobUpdate update)
    {
        if (batch.RecordExists)
        {
            Heard(BatchJobIds.IndexOf(BatchId, update.JobId), update);
            if (_dirty && _timer is null)
            {
                // A final batch hears again when an operator retried one of its failed jobs.
                StartTimer();
            }
        }

        return Task.CompletedTask;
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (!batch.RecordExists)
        {
            // A submission that was not accepted: its texts may be stored.
            if (input.RecordExists)
            {
                await input.ClearStateAsync();
            }

            await ForgetReminderAsync();
        }
        else if (!State.IsFinal)
        {
            StartRun(reconcile: DateTime.UtcNow - _lastHeard >= _jobs.WatchdogPeriod);
        }
        else if (State.ExpiresAt <= DateTime.UtcNow)
        {
            await batch.ClearStateAsync();
            if (input.RecordExists)
            {
                await input.ClearStateAsync();
            }

            await ForgetReminderAsync();
            logger.LogDebug("Batch {BatchId} expired and was deleted", BatchId);
            DeactivateOnIdle();
        }
    }

    private void Heard(int index, BatchJobUpdate update)
    {
        if (State.Apply(index, update))
        {
            _dirty = true;
            _lastHeard = DateTime.UtcNow;
        }
    }

    private void StartRun(bool reconcile)
    {
        if (_running is null or { IsCompleted: true })
        {
            _running = RunAsync(reconcile);
        }
    }

    /// <summary>Brings the batch up to date and finishes what is owed: the fan-out, or the cancellation of every job.</summary>
    private async Task RunAsync(bool reconcile)
    {
        try
        {
            if (reconcile)
            {
                await ReconcileAsync();
            }

            if (State.CancelRequested)
            {
                await CancelJobsAsync();
            }
            else if (!State.FannedOut)
            {
                await FanOutAsync();
            }

            if (_dirty || (State.IsDone && !State.IsFinal))
            {
                await RecordAsync();
            }
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "Batch {BatchId} could not finish its work now; its reminder tries again", BatchId);
        }
    }

    /// <summary>Reads the snapshot of every job the batch knows to exist and counts as unfinished.</summary>
    private Task ReconcileAsync() =>
        ForEachJobAsync(index => State.Jobs[index] is { IsFinal: false, Version: > 0 }, async (index, job) =>
        {
            if (await job.GetStatusAsync() is { } snapshot)
            {
                Heard(index, BatchJobUpdate.Of(snapshot));
            }
        });

    /// <summary>Creates every job not known to exist (an existing one answers Existing: nothing is created twice). A few
    /// passes for submissions refused on the way (a silo that just died); the reminder retries what is left.</summary>
    private async Task FanOutAsync()
    {
        var request = input.State.Request ?? throw new InvalidOperationException($"Batch {BatchId} has lost its texts before creating its jobs.");
        for (var pass = 0; pass < 3 && State.Jobs.Any(entry => entry.Version == 0); pass++)
        {
            if (pass > 0)
            {
                await Task.Delay(TimeSpan.FromSeconds(pass), _deactivating.Token);
            }

            await ForEachJobAsync(index => State.Jobs[index].Version == 0, async (index, job) =>
            {
                var answer = await job.SubmitAsync(request.JobFor(BatchId, index));
                if (answer.Outcome == SubmitOutcome.Conflict)
                {
                    logger.LogError("Batch {BatchId} found job {JobId} holding a different request", BatchId, answer.Snapshot.JobId);
                }

                Heard(index, BatchJobUpdate.Of(answer.Snapshot));
            });
        }

        if (State.CancelRequested || State.Jobs.Any(entry => entry.Version == 0))
        {
            return;
        }

        State.CompleteFanOut();
        _dirty = true;
        if (await RecordAsync())
        {
            await input.ClearStateAsync();
            logger.LogInformation("Batch {BatchId} created its {Total} jobs", BatchId, State.Jobs.Length);
        }
    }

    /// <summary>Cancels every unfinished job; one that was never created counts as cancelled.</summary>
    private Task CancelJobsAsync() =>
        ForEachJobAsync(index => !State.Jobs[index].IsFinal, async (index, job) =>
        {
            if (await job.CancelAsync() is { } snapshot)
            {
                Heard(index, BatchJobUpdate.Of(snapshot));
            }
            else if (State.MarkNeverCreated(index))
            {
                _dirty = true;
            }
        });

    /// <summary>Runs <paramref name="work"/> for the jobs <paramref name="wanted"/> picks, at most Batches:FanOutConcurrency
    /// at a time. A job whose call failed is logged and skipped; the work stops early when a cancellation is requested
    /// (the fan-out only) or the activation ends.</summary>
    private async Task ForEachJobAsync(Func<int, bool> wanted, Func<int, IJobGrain, Task> work)
    {
        var cancelling = State.CancelRequested;
        using var slots = new SemaphoreSlim(_options.FanOutConcurrency);
        var running = new List<Task>();
        foreach (var index in Enumerable.Range(0, State.Jobs.Length).Where(wanted).ToArray())
        {
            await slots.WaitAsync();
            if (_deactivating.IsCancellationRequested || State.CancelRequested != cancelling)
            {
                slots.Release();
                break;
            }

            running.Add(RunOneAsync(index));
        }

        await Task.WhenAll(running);

        async Task RunOneAsync(int index)
        {
            var jobId = BatchJobIds.For(BatchId, index);
            try
            {
                await work(index, GrainFactory.Reference<IJobGrain>(jobId));
            }
            catch (Exception exception)
            {
                logger.LogWarning(exception, "Batch {BatchId} could not reach its job {JobId}", BatchId, jobId);
            }
            finally
            {
                slots.Release();
            }
        }
    }

    /// <summary>Records the next version: persisted, then published. False when storage refused it (the activation is
    /// then dropped, so the next one starts from what is stored and never reuses a version).</summary>
    private async Task<bool> RecordAsync()
    {
        await _recordLock.WaitAsync();
        try
        {
            if (_writeFailed)
            {
                return false;
            }

            var wasFinal = State.IsFinal;
            var now = DateTime.UtcNow;
            State.Record(now, _jobs.Retention);
            _dirty = false;
            try
            {
                await batch.WriteStateAsync();
            }
            catch (Exception exception)
            {
                logger.LogWarning(exception, "Batch {BatchId} could not persist its progress", BatchId);
                _writeFailed = true;
                DeactivateOnIdle();
                return false;
            }

            _snapshot = State.ToSnapshot(BatchId);
            await PublishAsync(_snapshot.ToProgressEvent(now));
            if (State.IsFinal && !wasFinal)
            {
                _timer?.Dispose();
                _timer = null;
                logger.LogInformation("Batch {BatchId} is {Status}: {Counts}", BatchId, State.Status, _snapshot.Counts);
                await RemindAsync(_jobs.Retention);
            }
            else if (wasFinal && !State.IsFinal)
            {
                await RemindAsync(_jobs.WatchdogPeriod);
            }

            return true;
        }
        finally
        {
            _recordLock.Release();
        }
    }

    private async Task PublishAsync(BatchProgressEvent progress)
    {
        try
        {
            _stream ??= this.GetStreamProvider(BatchStreams.ProviderName).GetStream<BatchProgressEvent>(BatchStreams.ForBatch(BatchId));
            await _stream.OnNextAsync(progress);
        }
        catch (Exception exception)
        {
            // The stream only notifies; the persisted state stays the truth that watchers re-read.
            logger.LogWarning(exception, "Batch {BatchId} could not publish its progress event", BatchId);
        }
    }

    private void StartTimer() =>
        _timer ??= this.RegisterGrainTimer(async () =>
        {
            if (_dirty || (State.IsDone && !State.IsFinal))
            {
                await RecordAsync();
            }
        }, new GrainTimerCreationOptions(_options.ProgressInterval, _options.ProgressInterval) { Interleave = true });

    /// <summary>The batch's one reminder: every watchdog period while unfinished, then once its retention is over.</summary>
    private async Task RemindAsync(TimeSpan period)
    {
        try
        {
            await this.RegisterOrUpdateReminder(ReminderName, period, period);
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "Batch {BatchId} could not register its reminder", BatchId);
        }
    }

    private async Task ForgetReminderAsync()
    {
        if (await this.GetReminder(ReminderName) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }
}
