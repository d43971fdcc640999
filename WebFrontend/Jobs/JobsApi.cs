using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using OrleansNlp.Contracts;
using OrleansNlp.Index;
using OrleansNlp.Models;
using OrleansNlp.WebFrontend.Security;

namespace OrleansNlp.WebFrontend.Jobs;

/// <summary>REST endpoints for jobs: submit, poll, list by status, cancel, retry.</summary>
public static class JobsApi
{
    public const int MaxPageSize = 100;

    public static RouteGroupBuilder MapJobsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/jobs").WithTags("Jobs");

        api.MapPost("/", SubmitJob)
            .WithName(nameof(SubmitJob))
            .WithSummary("Submit a job")
            .WithDescription("Persists the job and answers at once with its id; processing continues in the background. " +
                "With an Idempotency-Key header, repeating the request returns the same job (200) instead of a new one.")
            .Accepts<SubmitJobRequest>("application/json")
            .Produces<JobResponse>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .RequireRateLimiting(RateLimits.SubmissionsPolicy);
        api.MapGet("/", ListJobs)
            .WithName(nameof(ListJobs))
            .WithSummary("List jobs with a status, newest first (e.g. failed jobs)");
        api.MapGet("/{jobId}", GetJob)
            .WithName(nameof(GetJob))
            .WithSummary("Get a job's status and result")
            .WithDescription("Add ?include=vector for the document embedding (result.embedding.vector).")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapDelete("/{jobId}", CancelJob)
            .WithName(nameof(CancelJob))
            .WithSummary("Cancel a pending or running job")
            .WithDescription("Cancelling a job that already ended changes nothing and returns it.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/{jobId}/retry", RetryJob)
            .WithName(nameof(RetryJob))
            .WithSummary("Run a failed job again from its last checkpoint")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .RequireRateLimiting(RateLimits.SubmissionsPolicy);

        return api;
    }

    public static async Task<Results<Accepted<JobResponse>, Ok<JobResponse>, ValidationProblem, ProblemHttpResult>> SubmitJob(
        HttpRequest http,
        [FromHeader(Name = IdempotencyKeys.HeaderName)] string? idempotencyKey,
        SubmitRequestReader reader,
        IOptions<SubmitLimits> limits,
        IGrainFactory grains,
        CancellationToken ct)
    {
        if (IdempotencyKeys.IdFor(idempotencyKey, limits.Value.MaxIdempotencyKeyLength,
                key => IdempotencyKeys.JobIdFor(key, Caller.Of(http.HttpContext).OwnerId), JobIds.New) is not { } jobId)
        {
            return IdempotencyKeys.Invalid(limits.Value.MaxIdempotencyKeyLength);
        }

        var (request, error) = await reader.ReadAsync(http, ct);
        if (error is not null)
        {
            return error switch
            {
                ValidationProblem validation => validation,
                ProblemHttpResult problem => problem,
                _ => throw new InvalidOperationException("Unexpected result type"),
            };
        }

        var metadata = request!.Metadata is { ValueKind: System.Text.Json.JsonValueKind.Object } value ? value.GetRawText() : null;
        var instruction = string.IsNullOrWhiteSpace(request.Instruction) ? null : request.Instruction;
        var jobRequest = new JobRequest(request.Text!, instruction, metadata, request.Priority ?? JobPriority.Normal, request.CallbackUrl,
            Caller.Of(http.HttpContext).OwnerId, ClientId: request.ClientId);
        return await SubmitToGrainAsync(grains, jobId, jobRequest, idempotencyKey, ct) switch
        {
            Accepted<JobResponse> accepted => accepted,
            Ok<JobResponse> existing => existing,
            ProblemHttpResult problem => problem,
            _ => throw new InvalidOperationException("Unexpected result type"),
        };
    }

    /// <summary>Submits a validated job under its id: 202 when created, 200 when the Idempotency-Key's job exists with the
    /// same request, 422 when it exists with another one.</summary>
    public static async Task<IResult> SubmitToGrainAsync(
        IGrainFactory grains, string jobId, JobRequest jobRequest, string? idempotencyKey, CancellationToken ct)
    {
        var attempts = 0;
        var submission = await ClusterCalls.RunAsync(async _ =>
        {
            var answer = await grains.Reference<IJobGrain>(jobId).SubmitAsync(jobRequest);
            // A retried call may find the job its own earlier, unanswered attempt created.
            return ++attempts > 1 && answer.Outcome == SubmitOutcome.Existing && idempotencyKey is null
                ? answer with { Outcome = SubmitOutcome.Created }
                : answer;
        }, ct);
        var location = $"/api/jobs/{jobId}";
        return submission.Outcome switch
        {
            SubmitOutcome.Created => TypedResults.Accepted(location, submission.Snapshot.ToResponse()),
            SubmitOutcome.Existing => TypedResults.Ok(submission.Snapshot.ToResponse()),
            _ => TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Idempotency-Key reused",
                detail: "This Idempotency-Key was already used for a different request.",
                extensions: new Dictionary<string, object?> { ["jobId"] = jobId }),
        };
    }

    public static async Task<Results<Ok<JobListResponse>, ValidationProblem>> ListJobs(
        HttpContext http, IGrainFactory grains, ILoggerFactory loggers, string? status = null, int? limit = null, string? cursor = null)
    {
        if (!EnumNames.TryParseOne<JobStatus>(status, out var wanted))
        {
            return SubmitRequestReader.Invalid("status", "Give a status: pending, processing, completed, failed or cancelled.");
        }

        if (limit is < 1 or > MaxPageSize)
        {
            return SubmitRequestReader.Invalid("limit", $"The limit is 1 to {MaxPageSize}.");
        }

        if (cursor is not null && (cursor.Length > 200 || !IndexCursor.TryParse(cursor, out _)))
        {
            return SubmitRequestReader.Invalid("cursor", "Pass back the nextCursor of a previous page.");
        }

        var caller = Caller.Of(http);
        // The whole list answers within the read budget, even while a silo holding some of its jobs is dying.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        deadline.CancelAfter(ClusterCalls.ReadBudget);
        JobPage page;
        try
        {
            page = await grains.GetGrain<IJobIndexGrain>(0).ListAsync(wanted, limit ?? 20, cursor, caller.SeesAll ? null : caller.OwnerId)
                .WaitAsync(deadline.Token);
        }
        catch (OperationCanceledException) when (!http.RequestAborted.IsCancellationRequested)
        {
            throw new TimeoutException("The job index did not answer in time.");
        }

        var logger = loggers.CreateLogger(typeof(JobsApi));
        var items = await Task.WhenAll(page.JobIds.Select(id => ListItemAsync(grains, id, wanted, logger, deadline.Token)));
        return TypedResults.Ok(new JobListResponse(items.OfType<JobResponse>().ToArray(), page.NextCursor));
    }

    /// <summary>One list entry, or null when the job moved on (the index may lag a moment) or cannot be shown:
    /// one bad job must never break a list that every caller shares.</summary>
    private static async Task<JobResponse?> ListItemAsync(IGrainFactory grains, string jobId, JobStatus wanted, ILogger logger, CancellationToken deadline)
    {
        JobSnapshot? snapshot;
        try
        {
            snapshot = await grains.Reference<IJobGrain>(jobId).GetStatusAsync().WaitAsync(deadline);
        }
        catch (OperationCanceledException)
        {
            logger.LogWarning("Job {JobId} was left out of a list: it did not answer in time", jobId);
            return null;
        }

        try
        {
            return snapshot?.Status == wanted ? snapshot.ToResponse() : null;
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "Job {JobId} was left out of a list: it could not be read", jobId);
            return null;
        }
    }

    public static async Task<Results<Ok<JobResponse>, ProblemHttpResult, ValidationProblem>> GetJob(
        string jobId, HttpContext http, IGrainFactory grains, CancellationToken ct, string? include = null)
    {
        if (!JobIds.IsValid(jobId))
        {
            return InvalidJobId();
        }

        if (include is not (null or "vector"))
        {
            return SubmitRequestReader.Invalid("include", "The only value is 'vector' (the document embedding).");
        }

        var snapshot = await VisibleJobAsync(grains, jobId, http, ct);
        return snapshot is null ? JobNotFound(jobId) : TypedResults.Ok(snapshot.ToResponse(includeVector: include == "vector"));
    }

    public static async Task<Results<Ok<JobResponse>, ProblemHttpResult, ValidationProblem>> CancelJob(
        string jobId, HttpContext http, IGrainFactory grains, CancellationToken ct)
    {
        if (!JobIds.IsValid(jobId))
        {
            return InvalidJobId();
        }

        if (await VisibleJobAsync(grains, jobId, http, ct) is null)
        {
            return JobNotFound(jobId);
        }

        var snapshot = await ClusterCalls.RunAsync(_ => grains.Reference<IJobGrain>(jobId).CancelAsync(), ct);
        return snapshot is null ? JobNotFound(jobId) : TypedResults.Ok(snapshot.ToResponse());
    }

    public static async Task<Results<Accepted<JobResponse>, ProblemHttpResult, ValidationProblem>> RetryJob(
        string jobId, HttpContext http, IGrainFactory grains, CancellationToken ct)
    {
        if (!JobIds.IsValid(jobId))
        {
            return InvalidJobId();
        }

        if (await VisibleJobAsync(grains, jobId, http, ct) is null)
        {
            return JobNotFound(jobId);
        }

        var retry = await grains.Reference<IJobGrain>(jobId).RetryAsync();
        return retry switch
        {
            null => JobNotFound(jobId),
            { Outcome: SubmitOutcome.Conflict } => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict,
                title: "Job is not failed", detail: $"Only failed jobs can be retried; this one is {retry.Snapshot.Status.ToString().ToLowerInvariant()}."),
            _ => TypedResults.Accepted($"/api/jobs/{jobId}", retry.Snapshot.ToResponse()),
        };
    }

    /// <summary>The job's snapshot, or null when no job has this id or it belongs to another owner: both answer the same
    /// 404, so a caller learns nothing about other owners' jobs.</summary>
    public static async Task<JobSnapshot?> VisibleJobAsync(IGrainFactory grains, string jobId, HttpContext http, CancellationToken ct)
    {
        var snapshot = await ClusterCalls.ReadAsync(() => grains.Reference<IJobGrain>(jobId).GetStatusAsync(), ct);
        return snapshot is not null && Caller.Of(http).CanSee(snapshot.Owner) ? snapshot : null;
    }

    public static ProblemHttpResult JobNotFound(string jobId) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Job not found", detail: $"No job has the id '{jobId}'.");

    public static ValidationProblem InvalidJobId() =>
        SubmitRequestReader.Invalid("jobId", $"A job id is 1 to {JobIds.MaxLength} letters, digits, '-' or '_'.");
}
