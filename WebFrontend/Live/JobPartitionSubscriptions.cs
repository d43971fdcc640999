using Orleans.Streams;
using OrleansNlp.Models;

namespace OrleansNlp.WebFrontend.Live;

/// <summary>
/// One subscription per job progress partition (<see cref="JobStreams"/>) for the whole frontend, shared by the watches
/// of the partition's jobs: a lease per watch, and the subscription ends when the last lease is returned. Each event goes
/// to <paramref name="onNext"/>, which drops events of jobs nobody watches here; a partition whose subscription broke
/// goes to <paramref name="onError"/>.
/// </summary>
public sealed class JobPartitionSubscriptions(
    IClusterClient client, Func<JobProgressEvent, Task> onNext, Func<int, Exception, Task> onError, ILogger logger)
{
    private readonly Partition[] _partitions = Enumerable.Range(0, JobStreams.Partitions).Select(index => new Partition(index)).ToArray();

    /// <summary>Makes sure this frontend hears <paramref name="jobId"/>'s partition until the lease is disposed.</summary>
    public async Task<IAsyncDisposable> AcquireAsync(string jobId)
    {
        var partition = _partitions[JobStreams.PartitionOf(jobId)];
        await partition.Lock.WaitAsync();
        try
        {
            partition.Subscription ??= await client.GetStreamProvider(JobStreams.ProviderName)
                .GetStream<JobProgressEvent>(JobStreams.ForPartition(partition.Index))
                .SubscribeAsync(new Observer(partition.Index, onNext, onError));
            partition.Leases++;
            return new Lease(this, partition);
        }
        finally
        {
            partition.Lock.Release();
        }
    }

    /// <summary>The partition's subscription broke: drop it, so that the next lease subscribes afresh.</summary>
    public async Task ForgetAsync(int index)
    {
        var partition = _partitions[index];
        await partition.Lock.WaitAsync();
        try
        {
            if (partition.Subscription is { } broken)
            {
                partition.Subscription = null;
                await broken.UnsubscribeAsync().ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
        finally
        {
            partition.Lock.Release();
        }
    }

    private async Task ReleaseAsync(Partition partition)
    {
        await partition.Lock.WaitAsync();
        try
        {
            partition.Leases--;
            if (partition.Leases == 0 && partition.Subscription is { } subscription)
            {
                partition.Subscription = null;
                try
                {
                    await subscription.UnsubscribeAsync();
                }
                catch (Exception exception)
                {
                    logger.LogWarning(exception, "Could not unsubscribe from job progress partition {Partition}", partition.Index);
                }
            }
        }
        finally
        {
            partition.Lock.Release();
        }
    }

    private sealed class Partition(int index)
    {
        public int Index { get; } = index;

        public SemaphoreSlim Lock { get; } = new(1, 1);

        public StreamSubscriptionHandle<JobProgressEvent>? Subscription { get; set; }

        public int Leases { get; set; }
    }

    private sealed class Lease(JobPartitionSubscriptions owner, Partition partition) : IAsyncDisposable
    {
        private int _disposed;

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                await owner.ReleaseAsync(partition);
            }
        }
    }

    private sealed class Observer(int index, Func<JobProgressEvent, Task> onNext, Func<int, Exception, Task> onError) : IAsyncObserver<JobProgressEvent>
    {
        public Task OnNextAsync(JobProgressEvent item, StreamSequenceToken? token = null) => onNext(item);

        public Task OnCompletedAsync() => Task.CompletedTask;

        public Task OnErrorAsync(Exception ex) => onError(index, ex);
    }
}
