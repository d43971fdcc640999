using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http.HttpResults;
using OrleansNlp.Contracts;
using OrleansNlp.WebFrontend.Clients;
using OrleansNlp.WebFrontend.Jobs;
using OrleansNlp.WebFrontend.Security;

namespace OrleansNlp.WebFrontend.Live;

/// <summary>GET /api/clients/{clientId}/events: the progress of every job of one client as Server-Sent Events.</summary>
public static class ClientEventsApi
{
    public const string EventType = "progress";

    public static IEndpointRouteBuilder MapClientEventsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/clients/{clientId}/events", StreamClientEvents)
            .WithTags("Clients")
            .WithName(nameof(StreamClientEvents))
            .WithSummary("Stream the progress of every job of a client as Server-Sent Events")
            .WithDescription("Every job submitted with this clientId (POST /api/jobs, /api/batches, /api/datasets): first the " +
                "current snapshot of each unfinished job, then each progress event of each of the client's jobs, new ones included, " +
                "as `event: progress` with JobProgress JSON data. Per job the versions only go up. The stream stays open until the " +
                "caller closes it. With API keys on, only the caller's own jobs with this clientId.")
            .Produces<JobProgress>(StatusCodes.Status200OK, "text/event-stream")
            .ProducesValidationProblem();
        return app;
    }

    public static async Task<Results<ServerSentEventsResult<JobProgress>, ValidationProblem>> StreamClientEvents(
        string clientId, HttpContext http, ClientProgressRelay relay, CancellationToken ct)
    {
        if (!ClientIds.IsValid(clientId))
        {
            return SubmitRequestReader.Invalid("clientId", ClientIds.Rule);
        }

        var owner = Caller.Of(http).OwnerId;
        var reader = await relay.OpenChannelAsync(owner, clientId);
        return TypedResults.ServerSentEvents(ReadAsync(http, owner, clientId, reader, relay, ct), EventType);
    }

    private static async IAsyncEnumerable<JobProgress> ReadAsync(HttpContext http,
        string? owner, string clientId, ChannelReader<JobProgress> reader, ClientProgressRelay relay, [EnumeratorCancellation] CancellationToken ct)
    {
        try
        {
            // The result has set the event-stream headers by now; send them at once: a client with no unfinished job may
            // have nothing to hear for a long time, and callers wait for the headers to know the stream is open.
            await http.Response.Body.FlushAsync(ct);
            await foreach (var progress in reader.ReadAllAsync(ct))
            {
                yield return progress;
            }
        }
        finally
        {
            await relay.CloseChannelAsync(owner, clientId, reader);
        }
    }
}
