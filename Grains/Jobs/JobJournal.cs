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

    /// <summary>Throws <see cref="JobStoreUnavailableException"/> (after calling <c>onWriteFailed</c>) when storage
    /// refused the write.</summary>
    public async Task RecordAsync(JobChange change)
    {
        try
        {
            await job.WriteStateAsync();
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "Job {JobId} could not be persisted", jobId);
            onWriteFailed();
            throw new JobStoreUnavailableException("Job storage is unavailable; the job was not changed. Try again shortly.");
        }

        if (change.Publish)
        {
            await PublishAsync();
        }

        if (change.StatusChanged)
        {
            try
            {
                await index.SetStatusAsync(jobId, job.State.Request?.Owner, change.Previous, change.Status, job.State.CreatedAt);
            }
            catch (Exception exception)
            {
                logger.LogWarning(exception, "Job {JobId} could not update the status index", jobId);
            }
        }
    }

    /// <summary>Deletes the job's state and its index entry (retention over).</summary>
    public async Task DeleteAsync()
    {
        var owner = job.State.Request?.Owner;
        await job.ClearStateAsync();
        await index.RemoveAsync(jobId, owner);
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
