using System.Threading.Channels;

namespace OrleansNlp.WebFrontend.Live;

/// <summary>What a relay keeps per watched job or batch: one stream subscription, its watchers, and what was delivered.</summary>
public sealed class ProgressWatch<TEvent, TWire>(string id)
{
    /// <summary>The job's or batch's id.</summary>
    public string Id { get; } = id;

    /// <summary>Serialises subscribe, unsubscribe and fan-out for this id, so each watcher sees events in order.</summary>
    public SemaphoreSlim Lock { get; } = new(1, 1);

    /// <summary>This watch's hold on a stream subscription; disposing it lets go.</summary>
    public IAsyncDisposable? Subscription { get; set; }

    /// <summary>The newest version fanned out to the watchers.</summary>
    public long Delivered { get; set; }

    /// <summary>Connections whose snapshot is newer than <see cref="Delivered"/>: they skip events they already saw.</summary>
    public Dictionary<string, long> Ahead { get; } = [];

    public HashSet<string> Connections { get; } = [];

    /// <summary>Server-Sent Events watchers: a channel each, and the version of the snapshot it started from.</summary>
    public List<(Channel<TWire> Channel, long From)> Channels { get; } = [];

    /// <summary>Set once the job or batch ended or nobody watches any more; a new watch is then created for new watchers.</summary>
    public bool Closed { get; set; }

    public bool HasWatchers => Connections.Count > 0 || Channels.Count > 0;
}
