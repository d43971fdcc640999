using Microsoft.Extensions.Logging;
using Orleans.Streams;
using OrleansNlp.Index;
using OrleansNlp.Models;

namespace OrleansNlp.Jobs;

/// <summary>Makes one job's <see cref="JobChange"/>s durable and visible, in this order: persisted (the truth), then
/// published on the job's stream (a notification that watchers may miss and re-read), then moved in the status index.</summary>
public sealed class JobJournal(
    string jobId, IPersistentState<JobState> job, IStreamProvider streams, IJobIndex index, Action onWriteFailed, ILogger logger)
{
    private IAsyncStream<JobProgressEvent>? _stream;

    /// <summary>Changes applied in memory but not yet written (moves that are cheap to redo).</summary>
    public bool HasUnwrittenChanges { get; private set; }

    /// <summary>Throws <see cref="JobStoreUnavailableException"/> (after calling <c>onWriteFailed</c>) when storage
    /// refused the write. A new job enters the index before it is stored: the watchdog finds every stored job there.</summary>
    public async Task RecordAsync(JobChange change)
    {
        if (change.Previous is null)
        {
            await Guard(() => index.SetStatusAsync(jobId, job.State.Request?.Owner, null, change.Status, job.State.CreatedAt), "indexed");
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
        if (change.Publish)
        {
            await PublishAsync();
        }

        if (change.StatusChanged && change.Previous is not null)
        {
            await TryIndexAsync(change.Previous);
        }
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
        await index.RemoveAsync(jobId, job.State.Request?.Owner);
        await TryIndexAsync(null);
    }

    private async Task TryIndexAsync(JobStatus? previous)
    {
        try
        {
            await index.SetStatusAsync(jobId, job.State.Request?.Owner, previous, job.State.Status, job.State.CreatedAt);
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
            onWriteFailed();
            throw new JobStoreUnavailableException("Job storage is unavailable; the job was not changed. Try again shortly.");
        }
    }

    /// <summary>Deletes the job's state and its index entry (retention over).</summary>
    public async Task DeleteAsync()
    {
        var (owner, status) = (job.State.Request?.Owner, job.State.Status);
        await job.ClearStateAsync();
        await index.RemoveAsync(jobId, owner, status);
        logger.LogDebug("Job {JobId} expired and was deleted", jobId);
    }

    private async Task PublishAsync()
    {
        var state = job.State;
        var progress = new JobProgressEvent(jobId, state.Status, state.Stage, state.Progress, state.Message, DateTime.UtcNow, state.Version);
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
}
