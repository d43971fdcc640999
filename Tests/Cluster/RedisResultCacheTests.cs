using Orleans.TestingHost;
using OrleansNlp.Cache;
using OrleansNlp.Models;
using OrleansNlp.Tests.Infrastructure;

namespace OrleansNlp.Tests;

/// <summary>Owns a Redis and a two-silo cluster on it: in cluster mode the result cache lives in Redis, shared by the silos.</summary>
[Trait(TestCategory.Trait, TestCategory.Cluster)]
public sealed class RedisResultCacheTests : IAsyncLifetime
{
    private static readonly TimeSpan Ttl = TimeSpan.FromMinutes(10);

    private RedisServer _redis = null!;
    private TestCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        _cluster = TestClusters.OnRedis(_redis).With([new("Cache:Ttl", Ttl.ToString())]).Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await _cluster.StopAllSilosAsync();
        await _cluster.DisposeAsync();
        await _redis.DisposeAsync();
    }

    private async Task<JobSnapshot> RunAsync(JobRequest request)
    {
        var job = _cluster.Client.GetGrain<IJobGrain>(Guid.NewGuid().ToString("N"));
        await job.SubmitAsync(request);
        return await job.UntilFinalAsync();
    }

    [Fact]
    public async Task RepeatedJob_IsServedFromRedis_WithItsTtl_AndClearingEmptiesIt()
    {
        var request = new JobRequest($"Coral reefs shelter many fish. Reefs need warm, clear water. {Guid.NewGuid():N}", "What do reefs need?");
        var cache = _cluster.Client.GetGrain<ICacheGrain>(0);

        var first = await RunAsync(request);
        var second = await RunAsync(request with { MetadataJson = """{"run":2}""" });

        Assert.False(first.Result!.Cached);
        Assert.Equal(JobStatus.Completed, second.Status);
        Assert.True(second.Result!.Cached);
        Assert.Equal(new StageAttempts(0, 0), second.Attempts);
        Assert.Equal(first.Result.Llm, second.Result.Llm);
        Assert.Equal(first.Result.Analysis.TopWords, second.Result.Analysis.TopWords);
        // Each silo adds its hits and misses to Redis once a second.
        await Wait.UntilAsync(() => cache.GetStatsAsync(), stats => stats == new CacheStats(1, 1, 1, 0.5),
            RedisResultCache.FlushPeriod * 10, "the hit and the miss to be counted");

        await using var redis = await _redis.ConnectAsync();
        var server = redis.GetServer(redis.GetEndPoints()[0]);
        var prefix = $"{_cluster.Options.ServiceId}/cache/";
        var entry = Assert.Single(await server.KeysAsync(pattern: prefix + "entry/*").ToArrayAsync());
        Assert.InRange((await redis.GetDatabase().KeyTimeToLiveAsync(entry))!.Value, Ttl - TimeSpan.FromMinutes(1), Ttl);
        Assert.True(await redis.GetDatabase().KeyExistsAsync(prefix + "stats"));

        await cache.ClearAsync();

        Assert.Equal(new CacheStats(0, 0, 0, 0), await cache.GetStatsAsync());
        Assert.Empty(await server.KeysAsync(pattern: prefix + "*").ToArrayAsync());
    }
}
