using Orleans.Runtime;
using OrleansNlp.Models;
using OrleansNlp.Tests.Infrastructure;

namespace OrleansNlp.Tests;

[Trait(TestCategory.Trait, TestCategory.Cluster)]
[Collection(RedisClusterCollection.Name)]
public sealed class GrainReferencesTests(RedisClusterFixture fixture)
{
    [Fact]
    public void StringKeyedReferences_EqualThoseOrleansMakes()
    {
        var grains = fixture.Client;
        foreach (var key in new[] { "first-" + Guid.NewGuid().ToString("N"), "second-" + Guid.NewGuid().ToString("N"), "naïve 𝄞" })
        {
            AssertSame(grains.GetGrain<IJobGrain>(key), grains.Reference<IJobGrain>(key));
            AssertSame(grains.GetGrain<IBatchGrain>(key), grains.Reference<IBatchGrain>(key));
        }
    }

    [Fact]
    public void IntegerKeyedReferences_EqualThoseOrleansMakes()
    {
        foreach (var key in new long[] { 0, 7, -1, long.MaxValue })
        {
            AssertSame(fixture.Client.GetGrain<IEmbeddingGrain>(key), fixture.Client.Reference<IEmbeddingGrain>(key));
        }
    }

    [Fact]
    public async Task AReference_ReachesItsGrain()
    {
        var jobId = Guid.NewGuid().ToString("N");
        await fixture.Client.GetGrain<IJobGrain>(jobId).SubmitAsync(new JobRequest("A reference made once per interface reaches this job."));

        var snapshot = await fixture.Client.Reference<IJobGrain>(jobId).UntilFinalAsync();

        Assert.Equal(jobId, snapshot!.JobId);
    }

    private static void AssertSame<TGrain>(TGrain expected, TGrain actual) where TGrain : IAddressable
    {
        var wanted = (GrainReference)(object)expected;
        var made = (GrainReference)(object)actual;
        Assert.Equal(wanted.GrainId, made.GrainId);
        Assert.Equal(wanted.InterfaceType, made.InterfaceType);
        Assert.Equal(wanted, made);
    }
}
