using OrleansNlp.Models;
using OrleansNlp.Tests.Infrastructure;
using StackExchange.Redis;

namespace OrleansNlp.Tests;

[Trait(TestCategory.Trait, TestCategory.Reliability)]
[Collection(ReliabilityClusterCollection.Name)]
public sealed class StageFailureTests(ReliabilityClusterFixture fixture)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private async Task<(string Token, JobSnapshot Final, IReadOnlyList<JobProgressEvent> Events)> RunAsync(string markers)
    {
        var token = Guid.NewGuid().ToString("N");
        await using var watcher = await JobWatcher.StartAsync(fixture.Client, token);
        var job = fixture.Client.GetGrain<IJobGrain>(token);
        await job.SubmitAsync(new JobRequest($"{markers} {token} Reliable systems retry transient failures."));
        var events = await watcher.UntilFinalAsync(Timeout);
        return (token, (await job.GetStatusAsync())!, events);
    }

    [Fact]
    public async Task TransientFailures_AreRetriedWithBackoff_ThenTheJobCompletes()
    {
        var (_, final, events) = await RunAsync("[embed:transient:2]");

        Assert.Equal(JobStatus.Completed, final.Status);
        Assert.Equal(new StageAttempts(Embedding: 3, Llm: 1), final.Attempts);
        var retries = events.Where(e => e.Message.Contains("retrying in")).ToArray();
        Assert.Equal(2, retries.Length);
        Assert.All(retries, e => Assert.Equal((JobStatus.Processing, JobStage.Embedding), (e.Status, e.Stage)));
    }

    [Fact]
    public async Task FatalFailure_FailsTheJobAtOnce_WithTheReason()
    {
        var (_, final, _) = await RunAsync("[embed:fatal]");

        Assert.Equal(JobStatus.Failed, final.Status);
        Assert.Equal(JobStage.Embedding, final.Stage);
        Assert.Equal(1, final.Attempts.Embedding);
        Assert.Contains("injected fatal failure", final.Error);
        Assert.NotNull(final.CompletedAt);
        Assert.Null(final.Result);
    }

    [Fact]
    public async Task TransientFailures_BeyondTheRetryLimit_FailTheJob()
    {
        var (_, final, _) = await RunAsync("[llm:transient:100]");

        Assert.Equal(JobStatus.Failed, final.Status);
        Assert.Equal(JobStage.Llm, final.Stage);
        Assert.Equal(new StageAttempts(Embedding: 1, Llm: 4), final.Attempts);
        Assert.Contains("after 4 attempt", final.Error);
    }

    [Fact]
    public async Task StageOverItsTimeLimit_IsAbandonedAndRetried()
    {
        var (token, final, _) = await RunAsync("[embed:hang-once]");

        Assert.Equal(JobStatus.Completed, final.Status);
        Assert.Equal(2, final.Attempts.Embedding);
        Assert.True(FaultInjection.SawCancellation(token), "the timed-out attempt should have been cancelled");
    }

    [Fact]
    public async Task Retry_OfAFailedJob_ResumesFromItsCheckpoint_WithoutEmbeddingAgain()
    {
        var (token, failed, _) = await RunAsync("[llm:fatal-once]");
        Assert.Equal(JobStatus.Failed, failed.Status);
        var job = fixture.Client.GetGrain<IJobGrain>(token);

        var retry = await job.RetryAsync();
        var final = await job.UntilFinalAsync("the retried job to finish");

        Assert.Equal(SubmitOutcome.Created, retry!.Outcome);
        Assert.Equal(JobStatus.Completed, final!.Status);
        Assert.Null(final.Error);
        Assert.Equal(new StageAttempts(Embedding: 1, Llm: 2), final.Attempts);
        Assert.Equal(1, FaultInjection.CallsFor("embed", token));
        Assert.NotNull(final.Result);
    }

    [Fact]
    public async Task FailedJobs_AreListedNewestFirst_ThroughCursorPages()
    {
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await RunAsync("[embed:fatal]")).Token);
        }

        var listed = new List<string>();
        string? cursor = null;
        do
        {
            var page = await fixture.Client.GetGrain<IJobIndexGrain>(0).ListAsync(JobStatus.Failed, 2, cursor);
            Assert.True(page.JobIds.Count <= 2);
            listed.AddRange(page.JobIds);
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        Assert.Equal(listed.Distinct().Count(), listed.Count);
        Assert.Equal(Enumerable.Reverse(ids), listed.Where(ids.Contains));
        var completed = await fixture.Client.GetGrain<IJobIndexGrain>(0).ListAsync(JobStatus.Completed, 100, null);
        Assert.DoesNotContain(ids[0], completed.JobIds);
    }

    [Fact]
    public async Task FinalJobs_ExpireAfterTheRetention_AndAreDeletedFromRedis()
    {
        var (token, final, _) = await RunAsync("");
        Assert.Equal(final.CompletedAt + ReliabilityClusterFixture.Retention, final.ExpiresAt);
        var job = fixture.Client.GetGrain<IJobGrain>(token);
        await using var redis = await fixture.Redis.ConnectAsync();
        // Progress goes on shared partition streams: a job leaves no pub/sub state of its own.
        Assert.Empty(await KeysAsync(redis, $"*pubsubrendezvous*{token}*"));

        await Wait.UntilAsync(job.GetStatusAsync, s => s is null, TimeSpan.FromSeconds(45), "the job to expire");

        Assert.False(await redis.GetDatabase().KeyExistsAsync($"{fixture.Cluster.Options.ServiceId}/state/job/{token}/job"));
        var completed = await fixture.Client.GetGrain<IJobIndexGrain>(0).ListAsync(JobStatus.Completed, 100, null);
        Assert.DoesNotContain(token, completed.JobIds);
    }

    private static async Task<string[]> KeysAsync(StackExchange.Redis.ConnectionMultiplexer redis, string pattern)
    {
        var server = redis.GetServer(redis.GetEndPoints()[0]);
        var keys = new List<string>();
        await foreach (var key in server.KeysAsync(pattern: pattern))
        {
            keys.Add(key.ToString());
        }

        return keys.ToArray();
    }
}
