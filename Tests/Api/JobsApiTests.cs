using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OrleansNlp.Tests.Infrastructure;

namespace OrleansNlp.Tests;

[Trait(TestCategory.Trait, TestCategory.Api)]
[Collection(EmbeddedWebCollection.Name)]
public sealed class JobsApiTests(EmbeddedWebFactory factory)
{
    private readonly HttpClient _http = factory.CreateClient();

    [Fact]
    public async Task Post_Answers202WithLocation_ThenGetReturnsTheCompletedResult()
    {
        var response = await _http.PostAsJsonAsync("/api/jobs", new
        {
            text = "Solar panels turn sunlight into power. Solar farms grow fast. Panels need sunlight.",
            instruction = "What do panels need?",
            metadata = new { customer = "acme", tags = new[] { "energy" } },
        });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var accepted = await response.ReadJsonAsync();
        var jobId = accepted.GetProperty("jobId").GetString()!;
        Assert.Equal($"/api/jobs/{jobId}", response.Headers.Location!.OriginalString);
        Assert.Equal("pending", accepted.GetProperty("status").GetString());
        Assert.Equal("queued", accepted.GetProperty("stage").GetString());

        var job = await _http.FinalJobAsync(jobId);

        Assert.Equal("completed", job.GetProperty("status").GetString());
        Assert.Equal("done", job.GetProperty("stage").GetString());
        Assert.Equal(100, job.GetProperty("progress").GetInt32());
        foreach (var field in new[] { "createdAt", "startedAt", "completedAt" })
        {
            Assert.EndsWith("Z", job.GetProperty(field).GetString());
        }

        Assert.Equal(1, job.GetProperty("attempts").GetProperty("embedding").GetInt32());
        Assert.Equal("acme", job.GetProperty("metadata").GetProperty("customer").GetString());
        Assert.Equal(JsonValueKind.Null, job.GetProperty("error").ValueKind);
        var analysis = job.GetProperty("result").GetProperty("analysis");
        Assert.Equal(12, analysis.GetProperty("wordCount").GetInt32());
        Assert.Equal(
            ["panels", "solar", "sunlight", "farms", "fast"],
            analysis.GetProperty("topWords").EnumerateArray().Select(w => w.GetProperty("word").GetString()));
        Assert.Equal("extractive", job.GetProperty("result").GetProperty("llm").GetProperty("provider").GetString());
    }

    [Fact]
    public async Task Get_IncludesTheDocumentVector_OnlyWhenAsked()
    {
        var jobId = await _http.SubmitJobAsync($"Vectors on request only. {Random.Shared.NextInt64()}");
        var plain = await _http.WaitForJobAsync(jobId, j => j.Status() == "completed", "the job to complete");

        var withVector = await _http.GetFromJsonAsync<JsonElement>($"/api/jobs/{jobId}?include=vector");
        var bad = await _http.GetAsync($"/api/jobs/{jobId}?include=everything");

        Assert.False(plain.GetProperty("result").GetProperty("embedding").TryGetProperty("vector", out _));
        var embedding = withVector.GetProperty("result").GetProperty("embedding");
        var vector = embedding.GetProperty("vector").EnumerateArray().Select(v => v.GetSingle()).ToArray();
        Assert.Equal(embedding.GetProperty("dimensions").GetInt32(), vector.Length);
        Assert.Equal(1.0, Math.Sqrt(vector.Sum(v => (double)v * v)), 3);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task Get_UnknownJob_Is404ProblemDetails()
    {
        var problem = await AssertProblemAsync(await _http.GetAsync($"/api/jobs/{Guid.NewGuid():N}"), HttpStatusCode.NotFound);

        Assert.Equal("Job not found", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Health_IsHealthy_WhenTheEmbeddedSiloRuns()
    {
        var response = await _http.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task OpenApiDocument_DescribesEveryEndpoint()
    {
        var document = await _http.GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var paths = document.GetProperty("paths");
        var submit = paths.GetProperty("/api/jobs").GetProperty("post");
        Assert.True(submit.GetProperty("responses").TryGetProperty("202", out _));
        Assert.True(submit.GetProperty("responses").TryGetProperty("400", out _));
        Assert.True(submit.TryGetProperty("requestBody", out _));
        var get = paths.GetProperty("/api/jobs/{jobId}").GetProperty("get");
        Assert.True(get.GetProperty("responses").TryGetProperty("200", out _));
        Assert.True(get.GetProperty("responses").TryGetProperty("404", out _));
        var statusSchema = document.GetProperty("components").GetProperty("schemas").GetProperty("JobStatus");
        Assert.Contains("completed", statusSchema.GetProperty("enum").EnumerateArray().Select(v => v.GetString()));
    }

    [Fact]
    public async Task ApiReferencePage_IsServed()
    {
        var response = await _http.GetAsync("/scalar/v1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("openapi/v1.json", await response.Content.ReadAsStringAsync());
    }
}
