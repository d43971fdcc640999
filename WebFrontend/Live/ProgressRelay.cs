using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR;
using Orleans.Streams;
using Orleans.Runtime;
using OrleansNlp.WebFrontend.Security;

namespace OrleansNlp.WebFrontend.Live;

/// <summary>
/// Relays Orleans progress streams (of jobs, of batches) to browsers and SSE clients. Per frontend it subscribes to an
/// id's stream once however many watch it, fans events out to that id's watchers on this frontend, and unsubscribes when
/// the last watcher leaves or the job or batch ends. A watcher first gets the persisted snapshot, then each newer event:
/// events carry a version, so none is sent twice and none is missed between the snapshot and the stream.
/// Watchers are addressed by connection id, not through a SignalR group: with the Redis backplane a group send is
/// resolved when it comes back from Redis, so a connection joining meanwhile would get an event its snapshot holds.
/// </summary>
public abstract class ProgressRelay<TEvent, TWire>(IClusterClient client, IHubContext<JobsHub> hub, ILogger logger)
    where TEvent : class
{
    private readonly ConcurrentDictionary<string, ProgressWatch<TEvent, TWire>> _watches = new();
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, byte>> _idsByConnection = new();

    /// <summary>The hub event that carries <typeparamref name="TWire"/> to SignalR clients.</summary>
    protected abstract string HubEvent { get; }

    /// <summary>"job" or "batch", for logs.</summary>
    protected abstract string Kind { get; }

    protected abstract StreamId StreamOf(string id);

    /// <summary>The persisted state as an event, with its owner; null when nothing has this id.</summary>
    protected abstract Task<(TEvent Current, string? Owner)?> ReadAsync(IClusterClient client, string id);

    protected abstract long VersionOf(TEvent progress);

    protected abstract bool IsFinal(TEvent progress);

    protected abstract TWire ToWire(TEvent progress);

    /// <summary>Number of ids whose stream this frontend is subscribed to.</summary>
    protected int Watched => _watches.Count(pair => pair.Value.Subscription is not null);

    /// <summary>The ids watched on this frontend now.</summary>
    protected IEnumerable<string> WatchedIds => _watches.Keys;

    /// <summary>Adds a SignalR connection as a watcher. False when nothing has this id that the caller may see (nothing
    /// stays subscribed).</summary>
    public async Task<bool> AddConnectionAsync(string id, string connectionId, Caller caller, CancellationToken ct)
    {
        var snapshot = await WithWatchAsync(id, caller, async (watch, snapshot) =>
        {
            await hub.Clients.Client(connectionId).SendAsync(HubEvent, ToWire(snapshot), ct);
            if (IsFinal(snapshot))
            {
                return;
            }

            watch.Connections.Add(connectionId);
            if (VersionOf(snapshot) > watch.Delivered)
            {
                watch.Ahead[connectionId] = VersionOf(snapshot);
            }

            _idsByConnection.GetOrAdd(connectionId, _ => new()).TryAdd(id, 0);
        });
        return snapshot is not null;
    }

    /// <summary>Opens a watch for Server-Sent Events: null when nothing has this id that the caller may see, else the
    /// snapshot followed by every newer event, completing after the final one.</summary>
    public async Task<ChannelReader<TWire>?> OpenChannelAsync(string id, Caller caller)
    {
        var channel = Channel.CreateUnbounded<TWire>(new UnboundedChannelOptions { SingleReader = true });
        var snapshot = await WithWatchAsync(id, caller, (watch, snapshot) =>
        {
            channel.Writer.TryWrite(ToWire(snapshot));
            if (IsFinal(snapshot))
            {
                channel.Writer.TryComplete();
            }
            else
            {
                watch.Channels.Add((channel, VersionOf(snapshot)));
            }

            return Task.CompletedTask;
        });
        return snapshot is null ? null : channel.Reader;
    }

    public async Task CloseChannelAsync(string id, ChannelReader<TWire> reader)
    {
        if (!_watches.TryGetValue(id, out var watch))
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

    public async Task RemoveConnectionAsync(string id, string connectionId)
    {
        _idsByConnection.GetValueOrDefault(connectionId)?.TryRemove(id, out _);
        if (!_watches.TryGetValue(id, out var watch))
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
        if (_idsByConnection.TryRemove(connectionId, out var ids))
        {
            foreach (var id in ids.Keys)
            {
                await RemoveConnectionAsync(id, connectionId);
            }
        }
    }

    public async Task OnProgressAsync(string id, TEvent progress)
    {
        if (!_watches.TryGetValue(id, out var watch))
        {
            return;
        }

        await watch.Lock.WaitAsync();
        try
        {
            if (watch.Closed || VersionOf(progress) <= watch.Delivered)
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
    public async Task OnStreamErrorAsync(string id, Exception exception)
    {
        logger.LogWarning(exception, "Progress stream of {Kind} {Id} failed; resubscribing", Kind, id);
        if (!_watches.TryGetValue(id, out var watch))
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
                await broken.DisposeAsync().AsTask().ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }

            watch.Subscription = await SubscribeAsync(id);
            if (await ReadAsync(client, id) is { } found && VersionOf(found.Current) > watch.Delivered)
            {
                await DeliverAsync(watch, found.Current);
            }
        }
        finally
        {
            watch.Lock.Release();
        }
    }

    /// <summary>Runs <paramref name="register"/> under the id's lock with a live stream subscription and a snapshot
    /// read after it. Returns the snapshot, or null when nothing has this id or it belongs to another owner.</summary>
    private async Task<TEvent?> WithWatchAsync(string id, Caller caller, Func<ProgressWatch<TEvent, TWire>, TEvent, Task> register)
    {
        while (true)
        {
            var watch = _watches.GetOrAdd(id, key => new ProgressWatch<TEvent, TWire>(key));
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
                    watch.Subscription ??= await SubscribeAsync(id);
                    var found = await ReadAsync(client, id);
                    var snapshot = found is { } visible && caller.CanSee(visible.Owner) ? visible.Current : null;
                    if (snapshot is not null)
                    {
                        await register(watch, snapshot);
                    }

                    return snapshot;
                }
                finally
                {
                    // Unknown or final, or a failure part-way: no stream subscription stays behind without watchers.
                    await CloseIfUnwatchedAsync(watch);
                }
            }
            finally
            {
                watch.Lock.Release();
            }
        }
    }

    private async Task DeliverAsync(ProgressWatch<TEvent, TWire> watch, TEvent progress)
    {
        var version = VersionOf(progress);
        // Connections whose snapshot already holds this version skip it.
        var targets = watch.Connections
            .Where(connection => !(watch.Ahead.TryGetValue(connection, out var seen) && seen >= version))
            .ToArray();
        var message = ToWire(progress);
        await hub.Clients.Clients(targets).SendAsync(HubEvent, message);
        foreach (var (channel, from) in watch.Channels)
        {
            if (version > from)
            {
                channel.Writer.TryWrite(message);
            }
        }

        watch.Delivered = version;
        foreach (var connection in watch.Ahead.Where(entry => entry.Value <= version).Select(entry => entry.Key).ToArray())
        {
            watch.Ahead.Remove(connection);
        }

        if (IsFinal(progress))
        {
            foreach (var (channel, _) in watch.Channels)
            {
                channel.Writer.TryComplete();
            }

            foreach (var connection in watch.Connections)
            {
                _idsByConnection.GetValueOrDefault(connection)?.TryRemove(watch.Id, out _);
            }

            watch.Connections.Clear();
            watch.Channels.Clear();
            await CloseIfUnwatchedAsync(watch);
        }
    }

    private async Task CloseIfUnwatchedAsync(ProgressWatch<TEvent, TWire> watch)
    {
        if (watch.HasWatchers || watch.Closed)
        {
            return;
        }

        watch.Closed = true;
        _watches.TryRemove(new KeyValuePair<string, ProgressWatch<TEvent, TWire>>(watch.Id, watch));
        if (watch.Subscription is { } subscription)
        {
            watch.Subscription = null;
            try
            {
                await subscription.DisposeAsync();
            }
            catch (Exception exception)
            {
                logger.LogWarning(exception, "Could not unsubscribe from the progress stream of {Kind} {Id}", Kind, watch.Id);
            }
        }
    }

    /// <summary>Subscribes to the id's stream; disposing the result unsubscribes.</summary>
    protected virtual async Task<IAsyncDisposable> SubscribeAsync(string id)
    {
        var handle = await client.GetStreamProvider(JobStreams.ProviderName)
            .GetStream<TEvent>(StreamOf(id))
            .SubscribeAsync(new ProgressStreamObserver<TEvent, TWire>(this, id));
        return new StreamSubscription<TEvent>(handle);
    }
}
