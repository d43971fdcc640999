using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using OrleansNlp.Models;

namespace OrleansNlp.WebFrontend.Jobs;

/// <summary>REST endpoints for jobs: submit, then poll.</summary>
public static class JobsApi
{
    public static RouteGroupBuilder MapJobsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/jobs").WithTags("Jobs");

        api.MapPost("/", SubmitJob)
            .WithName(nameof(SubmitJob))
            .WithSummary("Submit a job")
            .WithDescription("Persists the job and answers at once with its id; processing continues in the background.");
        api.MapGet("/{jobId}", GetJob)
            .WithName(nameof(GetJob))
            .WithSummary("Get a job's status and result")
            .ProducesProblem(StatusCodes.Status404NotFound);

        return api;
    }

    public static async Task<Results<Accepted<JobResponse>, ValidationProblem>> SubmitJob(
        SubmitJobRequest request, IGrainFactory grains)
    {
        var errors = Validate(request);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var jobId = JobIds.New();
        var metadata = request.Metadata is { ValueKind: JsonValueKind.Object } value ? value.GetRawText() : null;
        var snapshot = await grains.GetGrain<IJobGrain>(jobId)
            .SubmitAsync(new JobRequest(request.Text!, NullIfBlank(request.Instruction), metadata));
        return TypedResults.Accepted($"/api/jobs/{jobId}", JobResponse.From(snapshot));
    }

    public static async Task<Results<Ok<JobResponse>, ProblemHttpResult, ValidationProblem>> GetJob(
        string jobId, IGrainFactory grains)
    {
        if (!JobIds.IsValid(jobId))
        {
            return InvalidJobId();
        }

        var snapshot = await grains.GetGrain<IJobGrain>(jobId).GetStatusAsync();
        return snapshot is null
            ? JobNotFound(jobId)
            : TypedResults.Ok(JobResponse.From(snapshot));
    }

    private static ProblemHttpResult JobNotFound(string jobId) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Job not found", detail: $"No job has the id '{jobId}'.");

    private static ValidationProblem InvalidJobId() =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]>
        {
            ["jobId"] = [$"A job id is 1 to {JobIds.MaxLength} letters, digits, '-' or '_'."],
        });

    private static Dictionary<string, string[]> Validate(SubmitJobRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Text))
        {
            errors["text"] = ["The text is required and must not be blank."];
        }

        if (request.Metadata is { ValueKind: not (JsonValueKind.Object or JsonValueKind.Null) })
        {
            errors["metadata"] = ["The metadata must be a JSON object."];
        }

        return errors;
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
