using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http.HttpResults;
using OrleansNlp.Contracts;
using OrleansNlp.WebFrontend.Batches;
using OrleansNlp.WebFrontend.Security;

namespace OrleansNlp.WebFrontend.Live;

/// <summary>GET /api/batches/{batchId}/events: a batch's progress as Server-Sent Events.</summary>
public static class BatchEventsApi
{
    public const string EventType = "progress";

    public static IEndpointRouteBuilder MapBatchEventsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/batches/{batchId}/events", StreamBatchEvents)
            .WithTags("Batches")
            .WithName(nameof(StreamBatchEvents))
            .WithSummary("Stream a batch's progress as Server-Sent Events")
            .WithDescription("The current snapshot, then each change as `event: progress` with JSON data; the stream closes after the final event.")
            .Produces<BatchProgress>(StatusCodes.Status200OK, "text/event-stream")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    public static async Task<Results<ServerSentEventsResult<BatchProgress>, ProblemHttpResult, ValidationProblem>> StreamBatchEvents(
        string batchId, HttpContext http, BatchProgressRelay relay, CancellationToken ct)
    {
        if (!BatchIds.IsValid(batchId))
        {
            return BatchesApi.InvalidBatchId();
        }

        var reader = await relay.OpenChannelAsync(batchId, Caller.Of(http));
        return reader is null
            ? BatchesApi.BatchNotFound(batchId)
            : TypedResults.ServerSentEvents(ReadAsync(batchId, reader, relay, ct), EventType);
    }

    private static async IAsyncEnumerable<BatchProgress> ReadAsync(
        string batchId, ChannelReader<BatchProgress> reader, BatchProgressRelay relay, [EnumeratorCancellation] CancellationToken ct)
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
            await relay.CloseChannelAsync(batchId, reader);
        }
    }
}
