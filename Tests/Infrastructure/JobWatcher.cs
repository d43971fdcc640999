using System.Threading.Channels;
using Orleans.Streams;
using OrleansNlp.Models;

namespace OrleansNlp.Tests.Infrastructure;

/// <summary>Subscribes to one job's progress stream (its partition) and collects the job's events until the final one.</summary>
public sealed class JobWatcher : IAsyncDisposable
{
    private readonly Channel<JobProgressEvent> _events = Channel.CreateUnbounded<JobProgressEvent>();
    private StreamSubscriptionHandle<JobProgressEvent>? _subscription;

    public static async Task<JobWatcher> StartAsync(IClusterClient client, string jobId)
    {
        var watcher = new JobWatcher();
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

    public Task<IReadOnlyList<JobProgressEvent>> UntilFinalAsync(TimeSpan timeout) => _events.Reader.UntilFinalAsync(timeout);

    public async ValueTask DisposeAsync()
    {
        if (_subscription is not null)
        {
            await _subscription.UnsubscribeAsync();
        }
    }
}
