using System.Threading.Channels;
using Orleans.Streams;
using OrleansNlp.Models;

namespace OrleansNlp.Tests.Infrastructure;

/// <summary>Subscribes to one job's progress stream (its partition) and collects the job's events until the final one.</summary>
public sealed class JobWatcher : IAsyncDisposable
{
    private readonly Channel<JobProgressEvent> _events = Channel.CreateUnbounded<JobProgressEvent>();
    private StreamSubscriptionHandle<JobProgressEvent>? _subscription;

    private IJobGrain _job = null!;

    /// <summary>Subscribes, then watches the job, as the frontend's relay does.</summary>
    public static async Task<JobWatcher> StartAsync(IClusterClient client, string jobId)
    {
        var watcher = await SubscribeAsync(client, jobId);
        await watcher.WatchAsync();
        return watcher;
    }

    /// <summary>Subscribes without watching: the job publishes nothing on its stream until someone watches it.</summary>
    public static async Task<JobWatcher> SubscribeAsync(IClusterClient client, string jobId)
    {
        var watcher = new JobWatcher { _job = client.GetGrain<IJobGrain>(jobId) };
        var stream = client.GetStreamProvider(JobStreams.ProviderName).GetStream<JobProgressEvent>(JobStreams.ForJob(jobId));
        watcher._subscription = await stream.SubscribeAsync((progress, _) =>
        {
            if (progress.JobId == jobId)
            {
                watcher._events.Writer.TryWrite(progress);
            }

            return Task.CompletedTask;
        });
        return watcher;
    }

    /// <summary>Watches the job; its snapshot (null when the job does not exist yet).</summary>
    public Task<JobSnapshot?> WatchAsync() => _job.WatchAsync();

    public Task<IReadOnlyList<JobProgressEvent>> UntilFinalAsync(TimeSpan timeout) => _events.Reader.UntilFinalAsync(timeout);

    public async ValueTask DisposeAsync()
    {
        if (_subscription is not null)
        {
            await _subscription.UnsubscribeAsync();
        }
    }
}
