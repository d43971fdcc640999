using OrleansNlp.Tests.Infrastructure;

namespace OrleansNlp.Tests;

/// <summary>Which spans the trace sampler keeps: ours and the HTTP ones, not Orleans' own background grain calls.</summary>
[Trait(TestCategory.Trait, TestCategory.Unit)]
public sealed class GrainCallSamplerTests
{
    [Theory]
    [InlineData("IEmbeddingGrain/EmbedAsync", false)]
    [InlineData("IJobGrain/SubmitAsync", false)]
    [InlineData("IMemoryStreamQueueGrain/Dequeue", true)]
    [InlineData("IMembershipTable/ReadAll", true)]
    [InlineData("GET /api/jobs/{jobId}", false)]
    [InlineData("Microsoft.AspNetCore.Hosting.HttpRequestIn", false)]
    public void Sampler_DropsOnlyOrleansOwnGrainCalls(string spanName, bool dropped)
    {
        Assert.Equal(dropped, OrleansNlp.Telemetry.GrainCallSampler.IsOtherGrainCall(spanName));
    }
}
