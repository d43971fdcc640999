using System.Threading.Channels;
using OrleansNlp.Contracts;

namespace OrleansNlp.WebFrontend.Live;

/// <summary>One watcher of a client's stream: a SignalR connection or a Server-Sent Events channel, with the newest
/// version it was sent of each of the client's unfinished jobs (so it never gets a job's event twice or out of order).</summary>
public sealed class ClientWatcher
{
    private ClientWatcher(string? connectionId, Channel<JobProgress>? channel)
    {
        ConnectionId = connectionId;
        Channel = channel;
    }

    public string? ConnectionId { get; }

    public Channel<JobProgress>? Channel { get; }

    /// <summary>Job id → newest version sent; a job leaves once its final event was sent.</summary>
    public Dictionary<string, long> Sent { get; } = [];

    public static ClientWatcher ForConnection(string connectionId) => new(connectionId, null);

    public static ClientWatcher ForChannel() =>
        new(null, System.Threading.Channels.Channel.CreateUnbounded<JobProgress>(new UnboundedChannelOptions { SingleReader = true }));

    /// <summary>True when this version of the job is newer than what the watcher has; it then counts as sent.</summary>
    public bool Take(string jobId, long version, bool final)
    {
        if (Sent.TryGetValue(jobId, out var sent) && version <= sent)
        {
            return false;
        }

        if (final)
        {
            Sent.Remove(jobId);
        }
        else
        {
            Sent[jobId] = version;
        }

        return true;
    }
}
