using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace OrleansNlp.Tests.Infrastructure;

/// <summary>Submitting jobs and waiting for them through the REST API.</summary>
public static class JobsHttp
{
    public static async Task<string> SubmitJobAsync(this HttpClient http, string text, string? instruction = null)
    {
        var response = await http.PostAsJsonAsync("/api/jobs", new { text, instruction });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("jobId").GetString()!;
    }

    public static Task<JsonElement> FinalJobAsync(this HttpClient http, string jobId) => Wait.UntilAsync(
        () => http.GetFromJsonAsync<JsonElement>($"/api/jobs/{jobId}"),
        job => job.GetProperty("status").GetString() is "completed" or "failed" or "cancelled",
        TimeSpan.FromSeconds(30),
        $"job {jobId} to finish");

    public static (int Embedding, int Llm) Attempts(this JsonElement job) =>
        (job.GetProperty("attempts").GetProperty("embedding").GetInt32(), job.GetProperty("attempts").GetProperty("llm").GetInt32());
}
