using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OrleansNlp.Tests.Infrastructure;

namespace OrleansNlp.Tests;

/// <summary>Cancel, retry and the list of failed jobs through REST.</summary>
[Trait(TestCategory.Trait, TestCategory.Api)]
[Collection(EmbeddedWebCollection.Name)]
public sealed class JobsApiOperationsTests(EmbeddedWebFactory factory)
{
    private readonly HttpClient _http = factory.CreateClient();

    [Fact]
    public async Task Delete_CancelsARunningJob_AndIsANoOpOnceFinal()
    {
        var token = Guid.NewGuid().ToString("N");
        var jobId = await _http.SubmitJobAsync($"[embed:hang] {token} This one waits to be cancelled.");
        await _http.WaitForJobAsync(jobId, j => j.GetProperty("stage").GetString() == "embedding", "the embedding stage");

        var cancel = await _http.DeleteAsync($"/api/jobs/{jobId}");
        var again = await _http.DeleteAsync($"/api/jobs/{jobId}");

        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        Assert.Equal("cancelled", (await cancel.ReadJsonAsync()).Status());
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("cancelled", (await again.ReadJsonAsync()).Status());
        await Wait.UntilAsync(() => Task.FromResult(FaultInjection.SawCancellation(token)), seen => seen, TimeSpan.FromSeconds(30), "the stage to be cancelled");
        var final = await _http.GetJobAsync(jobId);
        Assert.Equal("cancelled", final.Status());
        Assert.Equal(JsonValueKind.Null, final.GetProperty("result").ValueKind);
    }

    [Fact]
    public async Task Delete_UnknownJob_Is404()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await _http.DeleteAsync($"/api/jobs/{Guid.NewGuid():N}")).StatusCode);
    }

    [Fact]
    public async Task FailedJob_IsListed_ThenRetriedFromItsCheckpoint()
    {
        var jobId = await _http.SubmitJobAsync($"[llm:fatal-once] {Guid.NewGuid():N} Fails once in the LLM stage.");
        var failed = await _http.WaitForJobAsync(jobId, j => j.Status() == "failed", "the job to fail");
        Assert.Contains("injected fatal failure", failed.GetProperty("error").GetString());

        var list = await _http.GetFromJsonAsync<JsonElement>("/api/jobs?status=failed&limit=100");
        Assert.Contains(list.GetProperty("items").EnumerateArray(), item => item.GetProperty("jobId").GetString() == jobId);

        var conflict = await _http.PostAsync($"/api/jobs/{await _http.SubmitJobAsync("Not failed.")}/retry", null);
        var retry = await _http.PostAsync($"/api/jobs/{jobId}/retry", null);

        Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
        var completed = await _http.WaitForJobAsync(jobId, j => j.Status() == "completed", "the retried job to complete");
        Assert.Equal(1, completed.GetProperty("attempts").GetProperty("embedding").GetInt32());
        Assert.Equal(2, completed.GetProperty("attempts").GetProperty("llm").GetInt32());
        Assert.True(conflict.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.Accepted);
        var listAfter = await _http.GetFromJsonAsync<JsonElement>("/api/jobs?status=failed&limit=100");
        Assert.DoesNotContain(listAfter.GetProperty("items").EnumerateArray(), item => item.GetProperty("jobId").GetString() == jobId);
    }

    [Fact]
    public async Task Retry_OfACompletedJob_Is409()
    {
        var jobId = await _http.SubmitJobAsync("This job completes and cannot be retried.");
        await _http.WaitForJobAsync(jobId, j => j.Status() == "completed", "the job to complete");

        var retry = await _http.PostAsync($"/api/jobs/{jobId}/retry", null);

        await AssertProblemAsync(retry, HttpStatusCode.Conflict);
    }
}
