using Microsoft.AspNetCore.SignalR;
using OrleansNlp.WebFrontend.Batches;
using OrleansNlp.WebFrontend.Clients;
using OrleansNlp.WebFrontend.Jobs;
using OrleansNlp.WebFrontend.Security;

namespace OrleansNlp.WebFrontend.Live;

/// <summary>SignalR hub at /hubs/jobs. Thin: watching is the relays' job. Server → client events: "jobProgress" and
/// "batchProgress".</summary>
public sealed class JobsHub(JobProgressRelay jobs, BatchProgressRelay batches, ClientProgressRelay clients) : Hub
{
    public const string Route = "/hubs/jobs";
    public const string ProgressEvent = "jobProgress";
    public const string BatchProgressEvent = "batchProgress";

    /// <summary>Sends the job's current snapshot as a jobProgress event, then every later event, until it ends.</summary>
    public async Task Subscribe(string jobId)
    {
        if (!JobIds.IsValid(jobId))
        {
            throw new HubException($"'{jobId}' is not a valid job id.");
        }

        if (!await jobs.AddConnectionAsync(jobId, Context.ConnectionId, Caller.Of(Context.User), Context.ConnectionAborted))
        {
            throw new HubException($"No job has the id '{jobId}'.");
        }
    }

    public Task Unsubscribe(string jobId) =>
        JobIds.IsValid(jobId)
            ? jobs.RemoveConnectionAsync(jobId, Context.ConnectionId)
            : throw new HubException($"'{jobId}' is not a valid job id.");

    /// <summary>Sends the batch's current snapshot as a batchProgress event, then every later event, until it ends.</summary>
    public async Task SubscribeBatch(string batchId)
    {
        if (!BatchIds.IsValid(batchId))
        {
            throw new HubException($"'{batchId}' is not a valid batch id.");
        }

        if (!await batches.AddConnectionAsync(batchId, Context.ConnectionId, Caller.Of(Context.User), Context.ConnectionAborted))
        {
            throw new HubException($"No batch has the id '{batchId}'.");
        }
    }

    public Task UnsubscribeBatch(string batchId) =>
        BatchIds.IsValid(batchId)
            ? batches.RemoveConnectionAsync(batchId, Context.ConnectionId)
            : throw new HubException($"'{batchId}' is not a valid batch id.");

    /// <summary>Sends a jobProgress snapshot of each unfinished job of the caller's client, then every event of each of
    /// its jobs (new ones included), until unsubscribed. With API keys on, only the caller's own jobs with this clientId.</summary>
    public async Task SubscribeClient(string clientId)
    {
        if (!ClientIds.IsValid(clientId))
        {
            throw new HubException($"'{clientId}' is not a valid clientId. {ClientIds.Rule}");
        }

        await clients.AddConnectionAsync(Caller.Of(Context.User).OwnerId, clientId, Context.ConnectionId, Context.ConnectionAborted);
    }

    public Task UnsubscribeClient(string clientId) =>
        ClientIds.IsValid(clientId)
            ? clients.RemoveConnectionAsync(Caller.Of(Context.User).OwnerId, clientId, Context.ConnectionId)
            : throw new HubException($"'{clientId}' is not a valid clientId. {ClientIds.Rule}");

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        await jobs.RemoveConnectionEverywhereAsync(Context.ConnectionId);
        await batches.RemoveConnectionEverywhereAsync(Context.ConnectionId);
        await clients.RemoveConnectionEverywhereAsync(Context.ConnectionId);
    }
}
