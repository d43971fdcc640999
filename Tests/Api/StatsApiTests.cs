using System.Net.Http.Json;
using OrleansNlp.Contracts;
using OrleansNlp.Tests.Infrastructure;

namespace OrleansNlp.Tests;

/// <summary>GET /api/stats on the embedded frontend (keys off: everyone sees the cluster), and ranOn in a job.</summary>
[Trait(TestCategory.Trait, TestCategory.Api)]
[Collection(EmbeddedWebCollection.Name)]
public sealed class StatsApiTests(EmbeddedWebFactory factory)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly HttpClient _http = factory.CreateClient();

    private async Task<StatsResponse> StatsAsync() => (await _http.GetFromJsonAsync<StatsResponse>("/api/stats", JsonDefaults.Options))!;

    [Fact]
    public async Task AfterJobsComplete_TheyAreCounted_WithTheThroughput_TheSilo_AndWhereTheyRan()
    {
        var before = await StatsAsync();
        var ids = await Task.WhenAll(Enumerable.Range(0, 3)
            .Select(i => _http.SubmitJobAsync($"{Guid.NewGuid():N} Bees dance to show the hive where flowers grow ({i}).")));
        foreach (var id in ids)
        {
            Assert.Equal("completed", (await _http.FinalJobAsync(id)).Status());
        }

        var after = await Wait.UntilAsync(StatsAsync,
            stats => stats.Jobs.Completed >= before.Jobs.Completed + 3 && stats.Throughput!.LastMinuteSeries.Sum() >= before.Throughput!.LastMinuteSeries.Sum() + 3,
            Timeout, "the three completed jobs to be counted");

        Assert.Equal(StatsScope.Cluster, after.Scope);
        Assert.True(after.Throughput!.LastMinute >= 3 / 60.0, $"last minute: {after.Throughput.LastMinute} jobs/s");
        Assert.True(after.Throughput.LastHour > 0);
        Assert.Equal(12, after.Throughput.LastMinuteSeries.Count);
        Assert.Equal(60, after.Throughput.LastHourSeries.Count);
        Assert.NotNull(after.Queues);
        var silo = Assert.Single(after.Silos!);
        Assert.Equal("active", silo.Status);
        Assert.True(silo.Llm is { Capacity: >= 1, InUse: >= 0 }, $"llm: {silo.Llm}");
        Assert.NotNull(silo.Jobs);
        Assert.True(silo.Throughput!.LastMinute >= 3 / 60.0);

        var job = await _http.GetJobAsync(ids[0]);
        var ranOn = job.GetProperty("ranOn");
        Assert.Equal(silo.Address, ranOn.GetProperty("embedding").GetString());
        Assert.Equal(silo.Address, ranOn.GetProperty("llm").GetString());
    }

    [Fact]
    public async Task AJobHeldAtTheEmbeddingStage_IsProcessingAndWaitingThere_UntilItMovesOn()
    {
        const int gate = 7501;
        var jobId = await _http.SubmitJobAsync($"[embed:gate:{gate}] {Guid.NewGuid():N} Held at the embedding stage.");

        var held = await Wait.UntilAsync(StatsAsync, stats => stats.Queues!.Embedding >= 1 && stats.Jobs.Processing >= 1, Timeout,
            "the held job to show at the embedding stage");
        Assert.True(Assert.Single(held.Silos!).Jobs!.Embedding >= 1);

        FaultInjection.OpenGate(gate);
        Assert.Equal("completed", (await _http.FinalJobAsync(jobId)).Status());
        await Wait.UntilAsync(StatsAsync, stats => stats.Queues!.Embedding < held.Queues!.Embedding, Timeout,
            "the job to leave the embedding stage");
    }
}
