using Orleans.Core.Internal;
using OrleansNlp.Models;
using OrleansNlp.Tests.Infrastructure;
using StackExchange.Redis;

namespace OrleansNlp.Tests;

[Trait(TestCategory.Trait, TestCategory.Cluster)]
[Collection(RedisClusterCollection.Name)]
public sealed class RedisStateTests(RedisClusterFixture fixture)
{
    [Fact]
    public async Task JobState_IsStoredInRedis_UnderTheServiceId()
    {
        var jobId = Guid.NewGuid().ToString("N");
        var job = fixture.Client.GetGrain<IJobGrain>(jobId);
        await job.SubmitAsync(new JobRequest("Redis keeps the state of this job."));
        await job.UntilFinalAsync();

        await using var redis = await fixture.Redis.ConnectAsync();
        var server = redis.GetServer(redis.GetEndPoints()[0]);
        var key = (RedisKey)$"{fixture.Cluster.Options.ServiceId}/state/job/{jobId}/job";

        Assert.Contains(key, server.Keys(pattern: $"*{jobId}*"));
        Assert.Equal(RedisType.Hash, await redis.GetDatabase().KeyTypeAsync(key));
        Assert.True(await redis.GetDatabase().HashExistsAsync(key, "data"));
    }

    [Fact]
    public async Task CompletedJob_SurvivesDeactivation()
    {
        var jobId = Guid.NewGuid().ToString("N");
        var job = fixture.Client.GetGrain<IJobGrain>(jobId);
        await job.SubmitAsync(new JobRequest("Deactivation must not lose this text about lighthouses.", null, """{"source":"test"}"""));
        var before = await job.UntilFinalAsync();

        await job.Cast<IGrainManagementExtension>().DeactivateOnIdle();
        var after = await job.GetStatusAsync();

        Assert.NotNull(after);
        Assert.Equal(JobStatus.Completed, after.Status);
        Assert.Equal(before!.CompletedAt, after.CompletedAt);
        Assert.Equal("""{"source":"test"}""", after.MetadataJson);
        Assert.Contains(after.Result!.Analysis.TopWords, w => w.Word == "lighthouses");
    }
}
