using System.Text.Json;
using OrleansNlp.Tests.Infrastructure;

namespace OrleansNlp.Tests;

/// <summary>Besides each stage's time limit, a job as a whole has a deadline (Jobs:JobTimeout).</summary>
[Trait(TestCategory.Trait, TestCategory.Reliability)]
public sealed class JobDeadlineTests(ShortDeadlineWebFactory factory) : IClassFixture<ShortDeadlineWebFactory>
{
    private readonly HttpClient _http = factory.CreateClient();

    [Fact]
    public async Task AJobStuckPastItsDeadline_FailsWithAnErrorNamingTheLimit()
    {
        // The gate is never opened: the embedding stage waits until the job's deadline stops it.
        var jobId = await _http.SubmitJobAsync($"[embed:gate:7401] {Guid.NewGuid():N} A job that never gets its embedding.");

        var job = await _http.FinalJobAsync(jobId);

        Assert.Equal("failed", job.Status());
        var error = job.GetProperty("error").GetString()!;
        Assert.Contains("Jobs:JobTimeout", error);
        Assert.Contains("embedding", error);
        var took = job.GetProperty("completedAt").GetDateTime() - job.GetProperty("createdAt").GetDateTime();
        Assert.InRange(took, ShortDeadlineWebFactory.JobTimeout - TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task AJobWithinItsDeadline_Completes()
    {
        var job = await _http.FinalJobAsync(await _http.SubmitJobAsync($"{Guid.NewGuid():N} A quick job well within its deadline."));

        Assert.Equal("completed", job.Status());
        Assert.Equal(JsonValueKind.Null, job.GetProperty("error").ValueKind);
    }
}
