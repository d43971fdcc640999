using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using OrleansNlp.Contracts;
using OrleansNlp.Models;
using OrleansNlp.WebFrontend.Jobs;
using OrleansNlp.WebFrontend.Security;

namespace OrleansNlp.WebFrontend.Batches;

/// <summary>REST endpoints for batches: submit many texts at once, read the batch's counts and summary, page its jobs,
/// cancel it.</summary>
public static class BatchesApi
{
    public const int MaxPageSize = JobsApi.MaxPageSize;

    public static RouteGroupBuilder MapBatchesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/batches").WithTags("Batches");

        api.MapPost("/", SubmitBatch)
            .WithName(nameof(SubmitBatch))
            .WithSummary("Submit a batch of texts")
            .WithDescription("Persists the batch and answers at once with its id and its jobs' ids; the jobs are created in the " +
                "background. A bad text refuses the whole batch (errors name it, e.g. texts[3]). A batch of N texts counts N " +
                "submissions against the rate limit. With an Idempotency-Key header, repeating the request returns the same batch (200).")
            .Accepts<SubmitBatchRequest>("application/json")
            .Produces<SubmitBatchResponse>(StatusCodes.Status202Accepted)
            .Produces<SubmitBatchResponse>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .RequireRateLimiting(RateLimits.SubmissionsPolicy);
        api.MapGet("/{batchId}", GetBatch)
            .WithName(nameof(GetBatch))
            .WithSummary("Get a batch's status, counts and summary")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/{batchId}/results", GetBatchResults)
            .WithName(nameof(GetBatchResults))
            .WithSummary("Page a batch's jobs in the order of its texts")
            .WithDescription("Each item is the job as GET /api/jobs/{jobId} returns it. offset from 0, limit 1-100 (default 100).")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapDelete("/{batchId}", CancelBatch)
            .WithName(nameof(CancelBatch))
            .WithSummary("Cancel every unfinished job of a batch")
            .WithDescription("Cancelling a batch that already ended changes nothing and returns it.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    public static async Task<Results<Accepted<SubmitBatchResponse>, Ok<SubmitBatchResponse>, ValidationProblem, ProblemHttpResult>> SubmitBatch(
        HttpRequest http,
        [FromHeader(Name = IdempotencyKeys.HeaderName)] string? idempotencyKey,
        SubmitRequestReader reader,
        BatchTextBudget budget,
        IOptions<SubmitLimits> limits,
        IGrainFactory grains,
        CancellationToken ct)
    {
        var caller = Caller.Of(http.HttpContext);
        if (IdempotencyKeys.IdFor(idempotencyKey, limits.Value.MaxIdempotencyKeyLength,
                key => IdempotencyKeys.BatchIdFor(key, caller.OwnerId), BatchIds.New) is not { } batchId)
        {
            return IdempotencyKeys.Invalid(limits.Value.MaxIdempotencyKeyLength);
        }

        var (request, error) = await reader.ReadBatchAsync(http, ct);
        if (error is not null)
        {
            return error switch
            {
                ValidationProblem validation => validation,
                ProblemHttpResult problem => problem,
                _ => throw new InvalidOperationException("Unexpected result type"),
            };
        }

        if (budget.TryTake(http.HttpContext, request!.Texts!.Count) is { } refused)
        {
            return refused;
        }

        var metadata = request.Metadata is { ValueKind: System.Text.Json.JsonValueKind.Object } value ? value.GetRawText() : null;
        var instruction = string.IsNullOrWhiteSpace(request.Instruction) ? null : request.Instruction;
        var batchRequest = new BatchRequest(request.Texts!.Select(text => text!).ToArray(), instruction, metadata,
            request.Priority ?? JobPriority.Normal, request.CallbackUrl, caller.OwnerId, request.ClientId);
        var attempts = 0;
        var submission = await ClusterCalls.RunAsync(async _ =>
        {
            var answer = await grains.Reference<IBatchGrain>(batchId).SubmitAsync(batchRequest);
            // A retried call may find the batch its own earlier, unanswered attempt created.
            return ++attempts > 1 && answer.Outcome == SubmitOutcome.Existing && idempotencyKey is null
                ? answer with { Outcome = SubmitOutcome.Created }
                : answer;
        }, ct);
        var snapshot = submission.Snapshot;
        var response = new SubmitBatchResponse(batchId, Enumerable.Range(0, snapshot.Total).Select(index => BatchJobIds.For(batchId, index)).ToArray(),
            snapshot.Status);
        return submission.Outcome switch
        {
            SubmitOutcome.Created => TypedResults.Accepted($"/api/batches/{batchId}", response),
            SubmitOutcome.Existing => TypedResults.Ok(response),
            _ => TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Idempotency-Key reused",
                detail: "This Idempotency-Key was already used for a different batch.",
                extensions: new Dictionary<string, object?> { ["batchId"] = batchId }),
        };
    }

    public static async Task<Results<Ok<BatchResponse>, ProblemHttpResult, ValidationProblem>> GetBatch(
        string batchId, HttpContext http, IGrainFactory grains, CancellationToken ct)
    {
        if (!BatchIds.IsValid(batchId))
        {
            return InvalidBatchId();
        }

        var snapshot = await VisibleBatchAsync(grains, batchId, Caller.Of(http), ct);
        return snapshot is null ? BatchNotFound(batchId) : TypedResults.Ok(snapshot.ToResponse());
    }

    public static async Task<Results<Ok<BatchResultsResponse>, ProblemHttpResult, ValidationProblem>> GetBatchResults(
        string batchId, HttpContext http, IGrainFactory grains, CancellationToken ct, int? offset = null, int? limit = null)
    {
        if (!BatchIds.IsValid(batchId))
        {
            return InvalidBatchId();
        }

        if (offset is < 0)
        {
            return SubmitRequestReader.Invalid("offset", "The offset is 0 or more.");
        }

        if (limit is < 1 or > MaxPageSize)
        {
            return SubmitRequestReader.Invalid("limit", $"The limit is 1 to {MaxPageSize}.");
        }

        var caller = Caller.Of(http);
        var snapshot = await VisibleBatchAsync(grains, batchId, caller, ct);
        if (snapshot is null)
        {
            return BatchNotFound(batchId);
        }

        var from = Math.Min(offset ?? 0, snapshot.Total);
        var count = Math.Min(limit ?? MaxPageSize, snapshot.Total - from);
        // One read budget for the page: a job held by a dying silo makes it a 503, never a hung request.
        var jobs = await ClusterCalls.ReadAsync(() => Task.WhenAll(Enumerable.Range(from, count)
            .Select(index => grains.Reference<IJobGrain>(BatchJobIds.For(batchId, index)).GetStatusAsync())), ct);
        var items = jobs.OfType<JobSnapshot>().Where(job => caller.CanSee(job.Owner)).Select(job => job.ToResponse()).ToArray();
        var next = from + count < snapshot.Total ? from + count : (int?)null;
        return TypedResults.Ok(new BatchResultsResponse(items, from, limit ?? MaxPageSize, snapshot.Total, next));
    }

    public static async Task<Results<Ok<BatchResponse>, ProblemHttpResult, ValidationProblem>> CancelBatch(
        string batchId, HttpContext http, IGrainFactory grains, CancellationToken ct)
    {
        if (!BatchIds.IsValid(batchId))
        {
            return InvalidBatchId();
        }

        if (await VisibleBatchAsync(grains, batchId, Caller.Of(http), ct) is null)
        {
            return BatchNotFound(batchId);
        }

        var snapshot = await ClusterCalls.RunAsync(_ => grains.Reference<IBatchGrain>(batchId).CancelAsync(), ct);
        return snapshot is null ? BatchNotFound(batchId) : TypedResults.Ok(snapshot.ToResponse());
    }

    /// <summary>The batch's snapshot, or null when no batch has this id or it belongs to another owner: both answer the
    /// same 404.</summary>
    private static async Task<BatchSnapshot?> VisibleBatchAsync(IGrainFactory grains, string batchId, Caller caller, CancellationToken ct)
    {
        var snapshot = await ClusterCalls.ReadAsync(() => grains.Reference<IBatchGrain>(batchId).GetStatusAsync(), ct);
        return snapshot is not null && caller.CanSee(snapshot.Owner) ? snapshot : null;
    }

    public static ProblemHttpResult BatchNotFound(string batchId) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Batch not found", detail: $"No batch has the id '{batchId}'.");

    public static ValidationProblem InvalidBatchId() =>
        SubmitRequestReader.Invalid("batchId", $"A batch id is 1 to {BatchIds.MaxLength} letters, digits, '-' or '_'.");
}
