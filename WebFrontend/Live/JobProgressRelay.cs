using Microsoft.AspNetCore.SignalR;
using Orleans.Runtime;
using OrleansNlp.Contracts;
using OrleansNlp.Models;

namespace OrleansNlp.WebFrontend.Live;

/// <summary>Relays jobs' progress: hub event "jobProgress", SSE GET /api/jobs/{jobId}/events. A watched job holds a
/// lease on its partition's shared subscription (<see cref="JobPartitionSubscriptions"/>).</summary>
public sealed class JobProgressRelay(IClusterClient client, IHubContext<JobsHub> hub, ILogger<JobProgressRelay> logger)
    : ProgressRelay<JobProgressEvent, JobProgress>(client, hub, logger)
{
    private readonly IClusterClient _client = client;
    private readonly ILogger _logger = logger;
    private JobPartitionSubscriptions? _partitions;

    // Made on first use (its callbacks are this relay's methods); one instance is ever published, however many race.
    private JobPartitionSubscriptions Partitions => LazyInitializer.EnsureInitialized(ref _partitions,
        () => new(_client, progress => OnProgressAsync(progress.JobId, progress), OnPartitionErrorAsync, _logger));

    /// <summary>Number of jobs whose stream this frontend is subscribed to.</summary>
    public int WatchedJobs => Watched;

    protected override string HubEvent => JobsHub.ProgressEvent;

    protected override string Kind => "job";

    protected override StreamId StreamOf(string id) => JobStreams.ForJob(id);

    protected override async Task<(JobProgressEvent Current, string? Owner)?> ReadAsync(IClusterClient client, string id) =>
        await client.Reference<IJobGrain>(id).WatchAsync() is { } job ? (job.ToProgressEvent(DateTime.UtcNow), job.Owner) : null;

    protected override long VersionOf(JobProgressEvent progress) => progress.Version;

    protected override bool IsFinal(JobProgressEvent progress) => progress.Status.IsFinal();

    protected override JobProgress ToWire(JobProgressEvent progress) => progress.ToResponse();

    protected override Task<IAsyncDisposable> SubscribeAsync(string id) => Partitions.AcquireAsync(id);

    /// <summary>A broken partition is dropped, and each of its watched jobs resubscribes and re-reads its snapshot.</summary>
    private async Task OnPartitionErrorAsync(int partition, Exception exception)
    {
        await Partitions.ForgetAsync(partition);
        foreach (var id in WatchedIds.Where(id => JobStreams.PartitionOf(id) == partition).ToArray())
        {
            await OnStreamErrorAsync(id, exception);
        }
    }
}
