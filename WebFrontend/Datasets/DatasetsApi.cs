using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using OrleansNlp.Contracts;
using OrleansNlp.Models;
using OrleansNlp.WebFrontend.Jobs;
using OrleansNlp.WebFrontend.Security;

namespace OrleansNlp.WebFrontend.Datasets;

/// <summary>REST endpoints for dataset jobs: submit (JSON or form), page the rows, export CSV or JSON Lines. The job
/// itself is read, cancelled and retried through /api/jobs.</summary>
public static class DatasetsApi
{
    public const int DefaultPageSize = 100;
    public const int MaxPageSize = 1000;

    public static RouteGroupBuilder MapDatasetsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/datasets").WithTags("Datasets");
        api.MapPost("/", SubmitDataset)
            .WithName(nameof(SubmitDataset))
            .WithSummary("Submit a dataset job: a typed table generated from a query and a field schema")
            .WithDescription("JSON (SubmitDatasetRequest) or application/x-www-form-urlencoded with user_query, rows, model_name, " +
                "field_definitions_json_str and client_id. Answers 202 with the job at once; follow it at /api/jobs/{jobId}. " +
                "Needs a generative LLM provider (Llm__Provider=openai): without one the job fails with a reason saying so.")
            .Accepts<SubmitDatasetRequest>("application/json", "application/x-www-form-urlencoded")
            .Produces<JobResponse>(StatusCodes.Status202Accepted)
            .Produces<JobResponse>(StatusCodes.Status200OK)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .RequireRateLimiting(RateLimits.SubmissionsPolicy);
        api.MapGet("/{jobId}/rows", GetRows)
            .WithName(nameof(GetRows))
            .WithSummary("A page of a completed dataset's rows")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/{jobId}.csv", (string jobId, HttpContext http, IGrainFactory grains, CancellationToken ct) => ExportAsync(jobId, DatasetExportFormat.Csv, http, grains, ct))
            .WithName("ExportDatasetCsv")
            .WithSummary("A completed dataset as CSV (RFC 4180; lists joined with '; ')")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/{jobId}.jsonl", (string jobId, HttpContext http, IGrainFactory grains, CancellationToken ct) => ExportAsync(jobId, DatasetExportFormat.JsonLines, http, grains, ct))
            .WithName("ExportDatasetJsonl")
            .WithSummary("A completed dataset as JSON Lines (one row object per line)")
            .Produces(StatusCodes.Status200OK, contentType: "application/x-ndjson")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    public static async Task<IResult> SubmitDataset(
        HttpRequest http,
        [FromHeader(Name = IdempotencyKeys.HeaderName)] string? idempotencyKey,
        DatasetRequestReader reader,
        IOptions<SubmitLimits> limits,
        IGrainFactory grains,
        CancellationToken ct)
    {
        var owner = Caller.Of(http.HttpContext).OwnerId;
        if (IdempotencyKeys.IdFor(idempotencyKey, limits.Value.MaxIdempotencyKeyLength,
                key => IdempotencyKeys.JobIdFor(key, owner), JobIds.New) is not { } jobId)
        {
            return IdempotencyKeys.Invalid(limits.Value.MaxIdempotencyKeyLength);
        }

        var (request, error) = await reader.ReadAsync(http, ct);
        if (error is not null)
        {
            return error;
        }

        var metadata = request!.Metadata is { ValueKind: JsonValueKind.Object } value ? value.GetRawText() : null;
        var jobRequest = new JobRequest(request.Query!, null, metadata, request.Priority ?? JobPriority.Normal, request.CallbackUrl, owner,
            ClientId: request.ClientId,
            Dataset: new DatasetSpec(request.Name!, request.Rows!.Value, DatasetRequestReader.FieldsJson(request)));
        return await JobsApi.SubmitToGrainAsync(grains, jobId, jobRequest, idempotencyKey, ct);
    }

    public static async Task<IResult> GetRows(
        string jobId, HttpContext http, IGrainFactory grains, CancellationToken ct, int? offset = null, int? limit = null)
    {
        if (offset is < 0)
        {
            return SubmitRequestReader.Invalid("offset", "'offset' must be 0 or more.");
        }

        if (limit is < 1 or > MaxPageSize)
        {
            return SubmitRequestReader.Invalid("limit", $"'limit' must be 1 to {MaxPageSize}.");
        }

        var (page, problem) = await ReadRowsAsync(jobId, offset ?? 0, limit ?? DefaultPageSize, http, grains, ct);
        return problem ?? TypedResults.Ok(new DatasetRowsResponse(jobId, offset ?? 0, limit ?? DefaultPageSize, page!.Total,
            page.Rows.Select(DatasetJson.Element).ToArray()));
    }

    private static async Task<IResult> ExportAsync(string jobId, DatasetExportFormat format, HttpContext http, IGrainFactory grains, CancellationToken ct)
    {
        var (snapshot, problem) = await CompletedDatasetAsync(jobId, http, grains, ct);
        return problem ?? new DatasetExport(format, snapshot!.Dataset!);
    }

    /// <summary>A page of the job's rows, or the problem (see <see cref="CompletedDatasetAsync"/>).</summary>
    private static async Task<(DatasetRowsPage? Page, IResult? Problem)> ReadRowsAsync(
        string jobId, int offset, int limit, HttpContext http, IGrainFactory grains, CancellationToken ct)
    {
        var (_, problem) = await CompletedDatasetAsync(jobId, http, grains, ct);
        if (problem is not null)
        {
            return (null, problem);
        }

        var page = await ClusterCalls.ReadAsync(() => grains.Reference<IJobGrain>(jobId).GetRowsAsync(offset, limit), ct);
        return page is null ? (null, JobsApi.JobNotFound(jobId)) : (page, null);
    }

    /// <summary>The job, or the problem: 400 for a bad id, 404 when not found (or another owner's), 409 when it is not
    /// a completed dataset.</summary>
    private static async Task<(JobSnapshot? Job, IResult? Problem)> CompletedDatasetAsync(
        string jobId, HttpContext http, IGrainFactory grains, CancellationToken ct)
    {
        if (!JobIds.IsValid(jobId))
        {
            return (null, JobsApi.InvalidJobId());
        }

        var snapshot = await JobsApi.VisibleJobAsync(grains, jobId, http, ct);
        if (snapshot is null)
        {
            return (null, JobsApi.JobNotFound(jobId));
        }

        if (!snapshot.IsDataset || snapshot.Status != JobStatus.Completed)
        {
            var what = snapshot.IsDataset ? $"is {snapshot.Status.ToString().ToLowerInvariant()}" : "is not a dataset job";
            return (null, TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "No rows",
                detail: $"Job '{jobId}' {what}: rows can be read once a dataset job has completed."));
        }

        return (snapshot, null);
    }
}
