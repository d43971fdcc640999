using OrleansNlp.Tests.Infrastructure;

namespace OrleansNlp.Tests;

/// <summary>Every line logged about a job carries its id in a scope (what the JSON console format writes as
/// <c>Scopes</c>), including lines its background pipeline logs.</summary>
[Trait(TestCategory.Trait, TestCategory.Api)]
[Collection(EmbeddedWebCollection.Name)]
public sealed class JobLogScopeTests(EmbeddedWebFactory factory)
{
    [Fact]
    public async Task ARetriedStage_IsLoggedInTheJobsScope()
    {
        var http = factory.CreateClient();
        var jobId = await http.SubmitJobAsync($"[embed:transient:1] {Guid.NewGuid():N} Logged with its job id.");

        Assert.Equal("completed", (await http.FinalJobAsync(jobId)).Status());

        var retry = Assert.Single(factory.Logs.Lines, line => line.Contains($"Job {jobId} retries"));
        Assert.Contains($"{{JobId={jobId}}}", retry);
    }
}
