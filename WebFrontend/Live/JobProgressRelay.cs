using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR;
using Orleans.Streams;
using OrleansNlp.Contracts;
using OrleansNlp.Models;
using OrleansNlp.WebFrontend.Security;

namespace OrleansNlp.WebFrontend.Live;

/// <summary>
/// Relays jobs' Orleans progress streams to browsers and SSE clients. Per frontend it subscribes to a job's stream
/// once however many watch it, fans events out to the job's watchers on this frontend, and unsubscribes when the
/// last watcher leaves or the job ends. A watcher first gets the job's persisted snapshot, then each newer event:
/// events carry a version, so none is sent twice and none is missed between the snapshot and the stream.
/// Watchers are addressed by connection id, not through a SignalR group: with the Redis backplane a group send is
/// resolved when it comes back from Redis, so a connection joining meanwhile would get an event its snapshot holds.
/// </summary>
public sealed class JobProgressRelay(IClusterClient client, IHubContext<JobsHub> hub, ILogger<JobProgressRelay> logger)
{
    private readonly ConcurrentDictionary<string, JobWatch> _jobs = new();
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, byte>> _jobsByConnection = new();

    /// <summary>Number of jobs whose stream this frontend is subscribed to.</summary>
    public int WatchedJobs => _jobs.Count(pair => pair.Value.Subscription is not null);

    /// <summary>Adds a SignalR connection as a watcher. False when no job has this id that the caller may see (nothing
    /// stays subscribed).</summary>
    public async Task<bool> AddConnectionAsync(string jobId, string connectionId, Caller caller, CancellationToken ct)
    {
        var snapshot = await WithWatchAsync(jobId, caller, async (watch, snapshot) =>
        {
            await hub.Clients.Client(connectionId).SendAsync(JobsHub.ProgressEvent, snapshot.ToProgressEvent(DateTime.UtcNow).ToResponse(), ct);
            if (snapshot.Status.IsFinal())
            {
                return;
            }

            watch.Connections.Add(connectionId);
            if (snapshot.Version > watch.Delivered)
            {
                watch.Ahead[connectionId] = snapshot.Version;
            }

            _jobsByConnection.GetOrAdd(connectionId, _ => new()).TryAdd(jobId, 0);
        });
        return snapshot is not null;
    }

    /// <summary>Opens a watch for Server-Sent Events: null when no job has this id that the caller may see, else the
    /// snapshot followed by every newer event, completing after the final one.</summary>
    public async Task<ChannelReader<JobProgress>?> OpenChannelAsync(string jobId, Caller caller)
    {
        var channel = Channel.CreateUnbounded<JobProgress>(new UnboundedChannelOptions { SingleReader = true });
        var snapshot = await WithWatchAsync(jobId, caller, (watch, snapshot) =>
        {
            channel.Writer.TryWrite(snapshot.ToProgressEvent(DateTime.UtcNow).ToResponse());
            if (snapshot.Status.IsFinal())
            {
                channel.Writer.TryComplete();
            }
            else
            {
                watch.Channels.Add((channel, snapshot.Version));
            }

            return Task.CompletedTask;
        });
        return snapshot is null ? null : channel.Reader;
    }

    public async Task CloseChannelAsync(string jobId, ChannelReader<JobProgress> reader)
    {
        if (!_jobs.TryGetValue(jobId, out var watch))
        {
            return;
        }

        await watch.Lock.WaitAsync();
        try
        {
            watch.Channels.RemoveAll(entry => entry.Channel.Reader == reader);
            await CloseIfUnwatchedAsync(watch);
        }
        finally
        {
            watch.Lock.Release();
        }
    }

    public async Task RemoveConnectionAsync(string jobId, string connectionId)
    {
        _jobsByConnection.GetValueOrDefault(connectionId)?.TryRemove(jobId, out _);
        if (!_jobs.TryGetValue(jobId, out var watch))
        {
            return;
        }

        await watch.Lock.WaitAsync();
        try
        {
            watch.Connections.Remove(connectionId);
            watch.Ahead.Remove(connectionId);
            await CloseIfUnwatchedAsync(watch);
        }
        finally
        {
            watch.Lock.Release();
        }
    }

    public async Task RemoveConnectionEverywhereAsync(string connectionId)
    {
        if (_jobsByConnection.TryRemove(connectionId, out var jobs))
        {
            foreach (var jobId in jobs.Keys)
            {
                await RemoveConnectionAsync(jobId, connectionId);
            }
        }
    }

    public async Task OnProgressAsync(string jobId, JobProgressEvent progress)
    {
        if (!_jobs.TryGetValue(jobId, out var watch))
        {
            return;
        }

        await watch.Lock.WaitAsync();
        try
        {
            if (watch.Closed || progress.Version <= watch.Delivered)
            {
                return;
            }

            await DeliverAsync(watch, progress);
        }
        finally
        {
            watch.Lock.Release();
        }
    }

    /// <summary>The stream broke: subscribe again and re-read the snapshot, which is the truth.</summary>
    public async Task OnStreamErrorAsync(string jobId, Exception exception)
    {
        logger.LogWarning(exception, "Progress stream of job {JobId} failed; resubscribing", jobId);
        if (!_jobs.TryGetValue(jobId, out var watch))
        {
            return;
        }

        await watch.Lock.WaitAsync();
        try
        {
            if (watch.Closed)
            {
                return;
            }

            if (watch.Subscription is { } broken)
            {
                await broken.UnsubscribeAsync().ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }

            watch.Subscription = await SubscribeAsync(jobId);
            if (await client.GetGrain<IJobGrain>(jobId).GetStatusAsync() is { } snapshot && snapshot.Version > watch.Delivered)
            {
                await DeliverAsync(watch, snapshot.ToProgressEvent(DateTime.UtcNow));
            }
        }
        finally
        {
            watch.Lock.Release();
        }
    }

    /// <summary>Runs <paramref name="register"/> under the job's lock with a live stream subscription and a snapshot
    /// read after it. Returns the snapshot, or null when the job does not exist or belongs to another owner.</summary>
    private async Task<JobSnapshot?> WithWatchAsync(string jobId, Caller caller, Func<JobWatch, JobSnapshot, Task> register)
    {
        while (true)
        {
            var watch = _jobs.GetOrAdd(jobId, id => new JobWatch(id));
            await watch.Lock.WaitAsync();
            try
            {
                if (watch.Closed)
                {
                    continue;
                }

                try
                {
                    // Subscribe first, then read: an event published meanwhile is either in the snapshot or delivered after it.
                    watch.Subscription ??= await SubscribeAsync(jobId);
                    var found = await client.GetGrain<IJobGrain>(jobId).GetStatusAsync();
                    var snapshot = found is not null && caller.CanSee(found.Owner) ? found : null;
                    if (snapshot is not null)
                    {
                        await register(watch, snapshot);
                    }

                    return snapshot;
                }
                finally
                {
                    // Unknown or final job, or a failure part-way: no stream subscription stays behind without watchers.
                    await CloseIfUnwatchedAsync(watch);
                }
            }
            finally
            {
                watch.Lock.Release();
            }
        }
    }

    private async Task DeliverAsync(JobWatch watch, JobProgressEvent progress)
    {
        // Connections whose snapshot already holds this version skip it.
        var targets = watch.Connections
            .Where(connection => !(watch.Ahead.TryGetValue(connection, out var seen) && seen >= progress.Version))
            .ToArray();
        var message = progress.ToResponse();
        await hub.Clients.Clients(targets).SendAsync(JobsHub.ProgressEvent, message);
        foreach (var (channel, from) in watch.Channels)
        {
            if (progress.Version > from)
            {
                channel.Writer.TryWrite(message);
            }
        }

        watch.Delivered = progress.Version;
        foreach (var connection in watch.Ahead.Where(entry => entry.Value <= progress.Version).Select(entry => entry.Key).ToArray())
        {
            watch.Ahead.Remove(connection);
        }

        if (progress.Status.IsFinal())
        {
            foreach (var (channel, _) in watch.Channels)
            {
                channel.Writer.TryComplete();
            }

            foreach (var connection in watch.Connections)
            {
                _jobsByConnection.GetValueOrDefault(connection)?.TryRemove(watch.JobId, out _);
            }

            watch.Connections.Clear();
            watch.Channels.Clear();
            await CloseIfUnwatchedAsync(watch);
        }
    }

    private async Task CloseIfUnwatchedAsync(JobWatch watch)
    {
        if (watch.HasWatchers || watch.Closed)
        {
            return;
        }

        watch.Closed = true;
        _jobs.TryRemove(new KeyValuePair<string, JobWatch>(watch.JobId, watch));
        if (watch.Subscription is { } subscription)
        {
            watch.Subscription = null;
            try
            {
                await subscription.UnsubscribeAsync();
            }
            catch (Exception exception)
            {
                logger.LogWarning(exception, "Could not unsubscribe from the progress stream of job {JobId}", watch.JobId);
            }
        }
    }

    private Task<StreamSubscriptionHandle<JobProgressEvent>> SubscribeAsync(string jobId) =>
        client.GetStreamProvider(JobStreams.ProviderName)
            .GetStream<JobProgressEvent>(JobStreams.ForJob(jobId))
            .SubscribeAsync(new JobStreamObserver(this, jobId));
}
