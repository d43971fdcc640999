using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR;
using Orleans.Streams;
using OrleansNlp.Contracts;
using OrleansNlp.Models;

namespace OrleansNlp.WebFrontend.Live;

/// <summary>
/// Relays clients' progress streams (every job with that clientId, of one owner): hub event "jobProgress" after
/// SubscribeClient, SSE GET /api/clients/{clientId}/events. Per frontend it subscribes to a client's stream once however
/// many watch it, and unsubscribes when the last watcher leaves; a client's stream has no end. A watcher first gets a
/// snapshot of each unfinished job (from the <see cref="IClientJobsGrain"/>, read after subscribing), then every newer
/// event: per job, versions only go up, so none is sent twice and none is missed between the snapshots and the stream.
/// </summary>
public sealed class ClientProgressRelay(IClusterClient client, IHubContext<JobsHub> hub, ILogger<ClientProgressRelay> logger)
{
    private readonly ConcurrentDictionary<string, ClientWatch> _watches = new();
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, byte>> _keysByConnection = new();

    /// <summary>Number of clients whose stream this frontend is subscribed to.</summary>
    public int WatchedClients => _watches.Count(pair => pair.Value.Subscription is not null);

    /// <summary>Adds a SignalR connection as a watcher of the owner's client: snapshots of its unfinished jobs, then events.</summary>
    public async Task AddConnectionAsync(string? owner, string clientId, string connectionId, CancellationToken ct)
    {
        var key = ClientStreams.KeyOf(owner, clientId);
        var watcher = ClientWatcher.ForConnection(connectionId);
        await WithWatchAsync(key, async (watch, running) =>
        {
            if (watch.Watchers.Any(other => other.ConnectionId == connectionId))
            {
                return;
            }

            foreach (var job in running)
            {
                if (watcher.Take(job.JobId, job.Version, job.Status.IsFinal()))
                {
                    await hub.Clients.Client(connectionId).SendAsync(JobsHub.ProgressEvent, ToWire(job), ct);
                }
            }

            watch.Watchers.Add(watcher);
            _keysByConnection.GetOrAdd(connectionId, _ => new()).TryAdd(key, 0);
        });
    }

    public async Task RemoveConnectionAsync(string? owner, string clientId, string connectionId)
    {
        var key = ClientStreams.KeyOf(owner, clientId);
        _keysByConnection.GetValueOrDefault(connectionId)?.TryRemove(key, out _);
        await RemoveWatchersAsync(key, watcher => watcher.ConnectionId == connectionId);
    }

    public async Task RemoveConnectionEverywhereAsync(string connectionId)
    {
        if (_keysByConnection.TryRemove(connectionId, out var keys))
        {
            foreach (var key in keys.Keys)
            {
                await RemoveWatchersAsync(key, watcher => watcher.ConnectionId == connectionId);
            }
        }
    }

    /// <summary>Opens a watch for Server-Sent Events: snapshots of the client's unfinished jobs, then every newer event,
    /// until <see cref="CloseChannelAsync"/>.</summary>
    public async Task<ChannelReader<JobProgress>> OpenChannelAsync(string? owner, string clientId)
    {
        var watcher = ClientWatcher.ForChannel();
        await WithWatchAsync(ClientStreams.KeyOf(owner, clientId), (watch, running) =>
        {
            foreach (var job in running)
            {
                if (watcher.Take(job.JobId, job.Version, job.Status.IsFinal()))
                {
                    watcher.Channel!.Writer.TryWrite(ToWire(job));
                }
            }

            watch.Watchers.Add(watcher);
            return Task.CompletedTask;
        });
        return watcher.Channel!.Reader;
    }

    public Task CloseChannelAsync(string? owner, string clientId, ChannelReader<JobProgress> reader) =>
        RemoveWatchersAsync(ClientStreams.KeyOf(owner, clientId), watcher => watcher.Channel?.Reader == reader);

    public async Task OnProgressAsync(string key, JobProgressEvent progress)
    {
        if (!_watches.TryGetValue(key, out var watch))
        {
            return;
        }

        await watch.Lock.WaitAsync();
        try
        {
            if (!watch.Closed)
            {
                await DeliverAsync(watch, progress);
            }
        }
        finally
        {
            watch.Lock.Release();
        }
    }

    /// <summary>The stream broke: subscribe again and re-read the unfinished jobs, which are the truth.</summary>
    public async Task OnStreamErrorAsync(string key, Exception exception)
    {
        logger.LogWarning(exception, "Progress stream of client {Client} failed; resubscribing", key);
        if (!_watches.TryGetValue(key, out var watch))
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

            watch.Subscription = await SubscribeAsync(key);
            foreach (var job in await RunningAsync(key))
            {
                await DeliverAsync(watch, job.ToProgressEvent(DateTime.UtcNow));
            }
        }
        finally
        {
            watch.Lock.Release();
        }
    }

    /// <summary>Runs <paramref name="register"/> under the client's lock with a live stream subscription and the
    /// unfinished jobs read after it.</summary>
    private async Task WithWatchAsync(string key, Func<ClientWatch, IReadOnlyList<JobSnapshot>, Task> register)
    {
        while (true)
        {
            var watch = _watches.GetOrAdd(key, k => new ClientWatch(k));
            await watch.Lock.WaitAsync();
            try
            {
                if (watch.Closed)
                {
                    continue;
                }

                try
                {
                    // Subscribe first, then read: an event published meanwhile is either in a snapshot or delivered after it.
                    watch.Subscription ??= await SubscribeAsync(key);
                    await register(watch, await RunningAsync(key));
                    return;
                }
                finally
                {
                    // A failure part-way: no stream subscription stays behind without watchers.
                    await CloseIfUnwatchedAsync(watch);
                }
            }
            finally
            {
                watch.Lock.Release();
            }
        }
    }

    private async Task RemoveWatchersAsync(string key, Predicate<ClientWatcher> match)
    {
        if (!_watches.TryGetValue(key, out var watch))
        {
            return;
        }

        await watch.Lock.WaitAsync();
        try
        {
            watch.Watchers.RemoveAll(match);
            await CloseIfUnwatchedAsync(watch);
        }
        finally
        {
            watch.Lock.Release();
        }
    }

    private async Task DeliverAsync(ClientWatch watch, JobProgressEvent progress)
    {
        var final = progress.Status.IsFinal();
        var takers = watch.Watchers.Where(watcher => watcher.Take(progress.JobId, progress.Version, final)).ToArray();
        if (takers.Length == 0)
        {
            return;
        }

        var message = progress.ToResponse();
        foreach (var watcher in takers)
        {
            watcher.Channel?.Writer.TryWrite(message);
        }

        var connections = takers.Select(watcher => watcher.ConnectionId).OfType<string>().ToArray();
        if (connections.Length > 0)
        {
            await hub.Clients.Clients(connections).SendAsync(JobsHub.ProgressEvent, message);
        }
    }

    private async Task CloseIfUnwatchedAsync(ClientWatch watch)
    {
        if (watch.Watchers.Count > 0 || watch.Closed)
        {
            return;
        }

        watch.Closed = true;
        _watches.TryRemove(new KeyValuePair<string, ClientWatch>(watch.Key, watch));
        if (watch.Subscription is { } subscription)
        {
            watch.Subscription = null;
            try
            {
                await subscription.UnsubscribeAsync();
            }
            catch (Exception exception)
            {
                logger.LogWarning(exception, "Could not unsubscribe from the progress stream of client {Client}", watch.Key);
            }
        }
    }

    /// <summary>The client's unfinished jobs, oldest first.</summary>
    private async Task<IReadOnlyList<JobSnapshot>> RunningAsync(string key) =>
        (await client.Reference<IClientJobsGrain>(key).GetRunningAsync()).OrderBy(job => job.CreatedAt).ToArray();

    private static JobProgress ToWire(JobSnapshot job) => job.ToProgressEvent(DateTime.UtcNow).ToResponse();

    private Task<StreamSubscriptionHandle<JobProgressEvent>> SubscribeAsync(string key) =>
        client.GetStreamProvider(ClientStreams.ProviderName)
            .GetStream<JobProgressEvent>(ClientStreams.ForKey(key))
            .SubscribeAsync(new ClientStreamObserver(this, key));
}
