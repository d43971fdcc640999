using Microsoft.AspNetCore.SignalR;
using OrleansNlp.WebFrontend.Jobs;
using OrleansNlp.WebFrontend.Security;

namespace OrleansNlp.WebFrontend.Live;

/// <summary>SignalR hub at /hubs/jobs. Thin: watching is the relay's job. Server → client event: "jobProgress".</summary>
public sealed class JobsHub(JobProgressRelay relay) : Hub
{
    public const string Route = "/hubs/jobs";
    public const string ProgressEvent = "jobProgress";

    /// <summary>Sends the job's current snapshot as a jobProgress event, then every later event, until it ends.</summary>
    public async Task Subscribe(string jobId)
    {
        if (!JobIds.IsValid(jobId))
        {
            throw new HubException($"'{jobId}' is not a valid job id.");
        }

        if (!await relay.AddConnectionAsync(jobId, Context.ConnectionId, Caller.Of(Context.User), Context.ConnectionAborted))
        {
            throw new HubException($"No job has the id '{jobId}'.");
        }
    }

    public Task Unsubscribe(string jobId) => relay.RemoveConnectionAsync(jobId, Context.ConnectionId);

    public override Task OnDisconnectedAsync(Exception? exception) => relay.RemoveConnectionEverywhereAsync(Context.ConnectionId);
}
