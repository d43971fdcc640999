using Microsoft.Extensions.Logging;
using Orleans.Streams;
using OrleansNlp.Clients;
using OrleansNlp.Index;
using OrleansNlp.Models;
using OrleansNlp.Telemetry;

namespace OrleansNlp.Jobs;

/// <summary>Makes one job's <see cref="JobChange"/>s durable and visible, in this order: persisted (the truth), then
/// moved in the status index, then published on the job's stream once someone watches it (a notification that watchers may miss and re-read).
/// While the activation lives, the job also counts in its silo's <see cref="StageOccupancy"/> under its current stage.
/// A job with a clientId also publishes on its client's stream and tells its client's grain when it starts and ends.
/// The unpersisted move from pending to processing reaches the index only when <paramref name="deferIndex"/> (the grain's
/// timer, after Jobs:ListProcessingAfter) calls <see cref="CatchUpIndexAsync"/> with the job still unfinished: a job that
/// completes sooner moves once, from pending to its final status.</summary>
public sealed class JobJournal(
    string jobId, IPersistentState<JobState> job, IStreamProvider streams, IJobIndex index, Action onWriteFailed, ILogger logger,
    StageOccupancy? occupancy = null, IGrainFactory? grains = null, Action? deferIndex = null)
{
    private IAsyncStream<JobProgressEvent>? _stream;
    private IAsyncStream<JobProgressEvent>? _clientStream;

    // Counted from the activation on: an unfinished job found in storage occupies this silo before it moves again.
    private JobStage? _countedAs = Occupy(occupancy, null, StageOccupancy.Of(job.State));

    // The status the index lists the job under, as far as this activation knows (a stale entry left by a crash is
    // corrected by the watchdog's ReindexAsync).
    private JobStatus? _indexedAs = job.RecordExists ? job.State.Status : null;

    /// <summary>Whether anyone may be watching the job's stream: set by <see cref="IJobGrain.WatchAsync"/>. Until then a
    /// new job publishes nothing there (most jobs are never watched, and each event is a call to the stream's queue).
    /// An activation that finds the job stored assumes a watcher: one may have watched an earlier activation.</summary>
    public bool Watched { get; set; } = job.RecordExists;

    /// <summary>A write was refused: the in-memory state is ahead of storage until this activation is dropped.</summary>
    public bool WriteFailed { get; private set; }

    /// <summary>Changes applied in memory but not yet written (moves that are cheap to redo).</summary>
    public bool HasUnwrittenChanges { get; private set; }

    /// <summary>Throws <see cref="JobStoreUnavailableException"/> (after calling <c>onWriteFailed</c>) when storage
    /// refused the write. A new job enters the index before it is stored: the watchdog finds every stored job there.</summary>
    public async Task RecordAsync(JobChange change)
    {
        _countedAs = Occupy(occupancy, _countedAs, StageOccupancy.Of(job.State));
        // A new job, or one reopened by an operator, enters the unfinished lists before it is stored: the watchdog finds
        // every stored unfinished job there.
        var reopened = change.Previous is { } from && from.IsFinal();
        if (change.Previous is null || reopened)
        {
            await Guard(() => index.SetStatusAsync(jobId, job.State.Request?.Owner, change.Previous, change.Status, job.State.CreatedAt), "indexed");
            _indexedAs = change.Status;
        }

        if (change.Persist)
        {
            await Guard(job.WriteStateAsync, "persisted");
            HasUnwrittenChanges = false;
        }
        else
        {
            HasUnwrittenChanges = true;
        }

        logger.LogDebug("Job {JobId} is {Status} at {Stage} (version {Version})", jobId, job.State.Status, job.State.Stage, job.State.Version);
        // Indexed before it is published: whoever hears of a move finds the job listed under its new status.
        if (change.StatusChanged && change.Previous is not null && !reopened)
        {
            if (deferIndex is not null && change is { Previous: JobStatus.Pending, Status: JobStatus.Processing, Persist: false })
            {
                deferIndex();
            }
            else
            {
                await TryIndexAsync();
            }
        }

        if (change.Publish)
        {
            await PublishAsync(toJobWatchers: change.Previous is not null && Watched);
        }

        if (grains is not null && change.StatusChanged && (change.Previous is null || reopened || job.State.IsFinal))
        {
            ClientLink.Tell(grains, jobId, job.State.Request, ended: job.State.IsFinal, logger);
        }
    }

    /// <summary>The activation leaves memory: the job no longer counts on this silo.</summary>
    public void Leave() => _countedAs = Occupy(occupancy, _countedAs, null);

    private static JobStage? Occupy(StageOccupancy? occupancy, JobStage? from, JobStage? to)
    {
        occupancy?.Move(from, to);
        return to;
    }

    /// <summary>Writes what was left unwritten (a graceful deactivation); never throws.</summary>
    public async Task FlushAsync()
    {
        if (HasUnwrittenChanges)
        {
            try
            {
                await job.WriteStateAsync();
                HasUnwrittenChanges = false;
            }
            catch (Exception exception)
            {
                logger.LogWarning(exception, "Job {JobId} could not write its last changes; it resumes from the previous ones", jobId);
            }
        }
    }

    /// <summary>Puts the job under its current status only (after an index update was missed).</summary>
    public async Task ReindexAsync()
    {
        _indexedAs = null;
        await TryIndexAsync();
        foreach (var other in Enum.GetValues<JobStatus>().Where(status => status != job.State.Status))
        {
            await index.RemoveAsync(jobId, job.State.Request?.Owner, other);
        }
    }

    /// <summary>Makes a deferred move: the job is listed under its current status (if it still has one to list).</summary>
    public async Task CatchUpIndexAsync()
    {
        if (job.RecordExists && _indexedAs != job.State.Status)
        {
            await TryIndexAsync();
        }
    }

    private async Task TryIndexAsync()
    {
        try
        {
            var status = job.State.Status;
            await index.SetStatusAsync(jobId, job.State.Request?.Owner, _indexedAs, status, job.State.CreatedAt);
            _indexedAs = status;
        }
        catch (Exception exception)
        {
            // The watchdog corrects an entry left under an unfinished status; a list skips an entry whose job moved on.
            logger.LogWarning(exception, "Job {JobId} could not update the status index", jobId);
        }
    }

    private async Task Guard(Func<Task> write, string what)
    {
        try
        {
            await write();
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "Job {JobId} could not be {What}", jobId, what);
            // The activation is dropped with its unrecorded moves: a shutdown must not write them after all.
            HasUnwrittenChanges = false;
            WriteFailed = true;
            onWriteFailed();
            throw new JobStoreUnavailableException("Job storage is unavailable; the job was not changed. Try again shortly.");
        }
    }

    /// <summary>Deletes the job's state and its index entry (retention over).</summary>
    public async Task DeleteAsync()
    {
        var request = job.State.Request;
        await job.ClearStateAsync();
        await index.RemoveAsync(jobId, request?.Owner);
        if (grains is not null)
        {
            ClientLink.Tell(grains, jobId, request, ended: true, logger);
        }

        logger.LogDebug("Job {JobId} expired and was deleted", jobId);
    }

    /// <summary>Publishes the job's current state: on the job's stream once it is <see cref="Watched"/>, and on its
    /// client's stream. A new job's first event goes to its client's stream only: a watch subscribes, then reads the
    /// job's snapshot, and that read finds the job only once its accepted state is stored (until then the job does not
    /// exist for it); the snapshot it then gets holds that same first version.</summary>
    private async Task PublishAsync(bool toJobWatchers)
    {
        if (!toJobWatchers && job.State.Request?.ClientId is null)
        {
            return;
        }

        var state = job.State;
        var (total, completed) = state.RowCounts();
        var progress = new JobProgressEvent(jobId, state.Status, state.Stage, state.Progress, state.Message, DateTime.UtcNow, state.Version, total, completed);
        if (toJobWatchers)
        {
            try
            {
                _stream ??= streams.GetStream<JobProgressEvent>(JobStreams.ForJob(jobId));
                await _stream.OnNextAsync(progress);
            }
            catch (Exception exception)
            {
                // The stream only notifies; the persisted state stays the truth that watchers re-read.
                logger.LogWarning(exception, "Job {JobId} could not publish its progress event", jobId);
            }
        }

        await PublishToClientAsync(progress);
    }

    private async Task PublishToClientAsync(JobProgressEvent progress)
    {
        if (job.State.Request is not { ClientId: { } clientId } request)
        {
            return;
        }

        try
        {
            _clientStream ??= streams.GetStream<JobProgressEvent>(ClientStreams.ForClient(request.Owner, clientId));
            await _clientStream.OnNextAsync(progress);
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "Job {JobId} could not publish its progress event to client {ClientId}", jobId, clientId);
        }
    }
}
