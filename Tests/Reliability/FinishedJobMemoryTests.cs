using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using OrleansNlp.Tests.Infrastructure;

namespace OrleansNlp.Tests;

/// <summary>A finished job does not stay in a silo's memory (Jobs:FinishedActivationLifetime), and reading it later
/// loads it from storage unchanged.</summary>
[Trait(TestCategory.Trait, TestCategory.Reliability)]
public sealed class FinishedJobMemoryTests(ShortLivedActivationsWebFactory factory) : IClassFixture<ShortLivedActivationsWebFactory>
{
    private readonly HttpClient _http = factory.CreateClient();

    [Fact]
    public async Task A_finished_job_leaves_memory_after_its_lifetime_and_reads_back_the_same()
    {
        var jobId = await _http.SubmitJobAsync($"{Guid.NewGuid():N} A job whose activation should not outlive its usefulness.");
        var finished = await _http.FinalJobAsync(jobId);
        Assert.Equal("completed", finished.Status());
        var management = factory.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0);

        await Wait.UntilAsync(() => IsActiveAsync(management, jobId), active => !active, TimeSpan.FromSeconds(20), "the finished job's activation to leave");

        var reread = await _http.GetJobAsync(jobId);
        Assert.Equal(finished.GetProperty("version").GetInt64(), reread.GetProperty("version").GetInt64());
        Assert.Equal(finished.GetProperty("result").GetRawText(), reread.GetProperty("result").GetRawText());
    }

    private static async Task<bool> IsActiveAsync(IManagementGrain management, string jobId)
    {
        var statistics = await management.GetDetailedGrainStatistics();
        return statistics.Any(statistic => statistic.GrainId.Key.ToString() == jobId);
    }
}
