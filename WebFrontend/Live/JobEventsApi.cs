using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Http.HttpResults;
using OrleansNlp.Contracts;
using OrleansNlp.WebFrontend.Jobs;
using OrleansNlp.WebFrontend.Security;

namespace OrleansNlp.WebFrontend.Live;

/// <summary>GET /api/jobs/{jobId}/events: Server-Sent Events for clients without SignalR.</summary>
public static class JobEventsApi
{
    public const string EventType = "progress";

    public static IEndpointRouteBuilder MapJobEventsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/jobs/{jobId}/events", StreamJobEvents)
            .WithTags("Jobs")
            .WithName(nameof(StreamJobEvents))
            .WithSummary("Stream a job's progress as Server-Sent Events")
            .WithDescription("The current snapshot, then each progress event as `event: progress` with JSON data; the stream closes after the final event.")
            .Produces<JobProgress>(StatusCodes.Status200OK, "text/event-stream")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    public static async Task<Results<ServerSentEventsResult<JobProgress>, ProblemHttpResult, ValidationProblem>> StreamJobEvents(
        string jobId, HttpContext http, JobProgressRelay relay, CancellationToken ct)
    {
        if (!JobIds.IsValid(jobId))
        {
            return SubmitRequestReader.Invalid("jobId", $"A job id is 1 to {JobIds.MaxLength} letters, digits, '-' or '_'.");
        }

        var reader = await relay.OpenChannelAsync(jobId, Caller.Of(http));
        if (reader is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Job not found", detail: $"No job has the id '{jobId}'.");
        }

        return TypedResults.ServerSentEvents(ReadAsync(jobId, reader, relay, ct), EventType);
    }

    private static async IAsyncEnumerable<JobProgress> ReadAsync(
        string jobId, System.Threading.Channels.ChannelReader<JobProgress> reader, JobProgressRelay relay, [EnumeratorCancellation] CancellationToken ct)
    {
        try
        {
            await foreach (var progress in reader.ReadAllAsync(ct))
            {
                yield return progress;
            }
        }
        finally
        {
            await relay.CloseChannelAsync(jobId, reader);
        }
    }
}
