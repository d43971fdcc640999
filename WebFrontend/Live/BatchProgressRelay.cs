using Microsoft.AspNetCore.SignalR;
using Orleans.Runtime;
using OrleansNlp.Contracts;
using OrleansNlp.Models;

namespace OrleansNlp.WebFrontend.Live;

/// <summary>Relays batches' progress streams: hub event "batchProgress", SSE GET /api/batches/{batchId}/events.</summary>
public sealed class BatchProgressRelay(IClusterClient client, IHubContext<JobsHub> hub, ILogger<BatchProgressRelay> logger)
    : ProgressRelay<BatchProgressEvent, BatchProgress>(client, hub, logger)
{
    /// <summary>Number of batches whose stream this frontend is subscribed to.</summary>
    public int WatchedBatches => Watched;

    protected override string HubEvent => JobsHub.BatchProgressEvent;

    protected override string Kind => "batch";

    protected override StreamId StreamOf(string id) => BatchStreams.ForBatch(id);

    protected override async Task<(BatchProgressEvent Current, string? Owner)?> ReadAsync(IClusterClient client, string id) =>
        await client.Reference<IBatchGrain>(id).GetStatusAsync() is { } batch ? (batch.ToProgressEvent(DateTime.UtcNow), batch.Owner) : null;

    protected override long VersionOf(BatchProgressEvent progress) => progress.Version;

    protected override bool IsFinal(BatchProgressEvent progress) => progress.Status.IsFinal();

    protected override BatchProgress ToWire(BatchProgressEvent progress) => progress.ToResponse();
}
