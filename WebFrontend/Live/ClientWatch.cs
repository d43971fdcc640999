using Orleans.Streams;
using OrleansNlp.Models;

namespace OrleansNlp.WebFrontend.Live;

/// <summary>What the client relay keeps per watched client (owner + clientId): one stream subscription and its watchers.</summary>
public sealed class ClientWatch(string key)
{
    /// <summary>The stream key, <see cref="ClientStreams.KeyOf"/>.</summary>
    public string Key { get; } = key;

    /// <summary>Serialises subscribe, unsubscribe and fan-out for this client, so each watcher sees a job's events in order.</summary>
    public SemaphoreSlim Lock { get; } = new(1, 1);

    public StreamSubscriptionHandle<JobProgressEvent>? Subscription { get; set; }

    public List<ClientWatcher> Watchers { get; } = [];

    /// <summary>Set once nobody watches any more; a new watch is then created for new watchers.</summary>
    public bool Closed { get; set; }
}
