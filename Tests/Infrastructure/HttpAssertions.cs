using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace OrleansNlp.Tests.Infrastructure;

/// <summary>The REST helpers every test shares: submitting jobs, reading and waiting for them, and asserting
/// RFC 7807 problems. Imported statically for all tests (Tests.csproj), so <see cref="AssertProblemAsync"/> reads like an
/// xunit assertion.</summary>
public static class HttpAssertions
{
    /// <summary>How long a job of the default pipeline may take in a test before waiting fails.</summary>
    public static readonly TimeSpan JobPatience = TimeSpan.FromSeconds(30);

    /// <summary>Asserts an RFC 7807 answer: the status code, the problem content type and status field, and, when
    /// <paramref name="field"/> is given, a validation error naming that field. Returns the problem document.</summary>
    public static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string? field = null)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.ReadJsonAsync();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        if (field is not null)
        {
            Assert.True(problem.TryGetProperty("errors", out var errors) && errors.TryGetProperty(field, out _),
                $"the problem should name '{field}': {problem}");
        }

        return problem;
    }

    /// <summary>The body as JSON.</summary>
    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>();

    /// <summary>The <c>jobId</c> of an answer to a submission.</summary>
    public static async Task<string> ReadJobIdAsync(this HttpResponseMessage response) =>
        (await response.ReadJsonAsync()).GetProperty("jobId").GetString()!;

    /// <summary>Posts bytes as they are, with the given content type (for bodies a serialiser would never write).</summary>
    public static Task<HttpResponseMessage> PostRawAsync(this HttpClient http, string path, byte[] body, string contentType = "application/json")
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return http.PostAsync(path, content);
    }

    /// <summary>Submits a job, asserts 202 Accepted and returns its id.</summary>
    public static async Task<string> SubmitJobAsync(this HttpClient http, string text, string? instruction = null)
    {
        var response = await http.PostAsJsonAsync("/api/jobs", new { text, instruction });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return await response.ReadJobIdAsync();
    }

    /// <summary>GET /api/jobs/{jobId} as JSON (throws unless it answers 2xx).</summary>
    public static Task<JsonElement> GetJobAsync(this HttpClient http, string jobId) =>
        http.GetFromJsonAsync<JsonElement>($"/api/jobs/{jobId}");

    /// <summary>Polls the job until <paramref name="done"/> holds. A 503 (a silo or Redis just went away) is polled
    /// again; any other failure ends the wait.</summary>
    public static Task<JsonElement> WaitForJobAsync(this HttpClient http, string jobId, Func<JsonElement, bool> done, string what, TimeSpan? timeout = null) =>
        http.WaitForJobAsync(new Uri($"/api/jobs/{jobId}", UriKind.Relative), done, what, timeout);

    /// <summary>Polls the job at <paramref name="location"/> (as a submission's Location header gives it, or an
    /// absolute address) until <paramref name="done"/> holds.</summary>
    public static async Task<JsonElement> WaitForJobAsync(this HttpClient http, Uri location, Func<JsonElement, bool> done, string what, TimeSpan? timeout = null)
    {
        var job = await Wait.UntilAsync(
            async () =>
            {
                using var response = await http.GetAsync(location);
                if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
                {
                    return (JsonElement?)null;
                }

                response.EnsureSuccessStatusCode();
                return await response.ReadJsonAsync();
            },
            job => job is { } answer && done(answer),
            timeout ?? JobPatience,
            what);
        return job!.Value;
    }

    /// <summary>Waits until the job is completed, failed or cancelled, and returns it.</summary>
    public static Task<JsonElement> FinalJobAsync(this HttpClient http, string jobId, TimeSpan? timeout = null) =>
        http.WaitForJobAsync(jobId, IsFinal, $"job {jobId} to finish", timeout);

    /// <summary>Waits until the job at <paramref name="location"/> is completed, failed or cancelled, and returns it.</summary>
    public static Task<JsonElement> FinalJobAsync(this HttpClient http, Uri location, TimeSpan? timeout = null) =>
        http.WaitForJobAsync(location, IsFinal, $"the job at {location} to finish", timeout);

    /// <summary>The job's <c>status</c>.</summary>
    public static string Status(this JsonElement job) => job.GetProperty("status").GetString()!;

    /// <summary>Whether the job's status is completed, failed or cancelled.</summary>
    public static bool IsFinal(this JsonElement job) => job.Status() is "completed" or "failed" or "cancelled";

    /// <summary>How often each stage of the job ran.</summary>
    public static (int Embedding, int Llm) Attempts(this JsonElement job) =>
        (job.GetProperty("attempts").GetProperty("embedding").GetInt32(), job.GetProperty("attempts").GetProperty("llm").GetInt32());
}
