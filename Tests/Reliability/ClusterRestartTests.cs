using OrleansNlp.Models;
using OrleansNlp.Tests.Infrastructure;

namespace OrleansNlp.Tests;

/// <summary>Owns its Redis and clusters: it stops a whole cluster and starts a new one on the same data.</summary>
[Trait(TestCategory.Trait, TestCategory.Reliability)]
public sealed class ClusterRestartTests : IAsyncLifetime
{
    private RedisServer _redis = null!;

    public async Task InitializeAsync() => _redis = await RedisServer.StartAsync();

    public async Task DisposeAsync() => await _redis.DisposeAsync();

    [Fact]
    public async Task CompletedJob_IsReadable_AfterTheWholeClusterRestarts()
    {
        var jobId = Guid.NewGuid().ToString("N");
        var first = TestClusters.OnRedis(_redis).Build();
        await first.DeployAsync();
        var serviceId = first.Options.ServiceId;
        JobSnapshot? before;
        try
        {
            var job = first.Client.GetGrain<IJobGrain>(jobId);
            await job.SubmitAsync(new JobRequest("Glaciers carve valleys. Glaciers move slowly."));
            before = await job.UntilFinalAsync();
        }
        finally
        {
            await first.StopAllSilosAsync();
            await first.DisposeAsync();
        }

        var second = TestClusters.OnRedis(_redis, serviceId: serviceId).Build();
        await second.DeployAsync();
        try
        {
            var after = await second.Client.GetGrain<IJobGrain>(jobId).GetStatusAsync();

            Assert.NotNull(after);
            Assert.Equal(JobStatus.Completed, after.Status);
            Assert.Equal(before!.CompletedAt, after.CompletedAt);
            Assert.Equal(before.Result!.Analysis.WordCount, after.Result!.Analysis.WordCount);
            Assert.Equal(before.Result.Analysis.TopWords, after.Result.Analysis.TopWords);
            Assert.Equal("glaciers", after.Result.Analysis.TopWords[0].Word);
        }
        finally
        {
            await second.StopAllSilosAsync();
            await second.DisposeAsync();
        }
    }
}
