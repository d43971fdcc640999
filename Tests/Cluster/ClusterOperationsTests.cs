using System.Net;
using System.Net.Http.Json;
using Orleans.TestingHost;
using OrleansNlp.Contracts;
using OrleansNlp.Tests.Infrastructure;

namespace OrleansNlp.Tests;

/// <summary>The operations view in cluster mode: two silos on a real redis-server, the frontend an Orleans client that
/// maps the dashboard whose grains run in the silos.</summary>
[Trait(TestCategory.Trait, TestCategory.Cluster)]
public sealed class ClusterOperationsTests : IAsyncLifetime
{
    private RedisServer _redis = null!;
    private TestCluster _cluster = null!;
    private ClusterClientWebFactory _web = null!;

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        var builder = TestClusters.OnRedis(_redis).With(TestSettings.QuickJobs());
        builder.Options.ConnectionTransport = ConnectionTransportType.TcpSocket;
        _cluster = builder.Build();
        await _cluster.DeployAsync();
        _web = new ClusterClientWebFactory(_cluster, _redis);
    }

    public async Task DisposeAsync()
    {
        await _web.DisposeAsync();
        await _cluster.StopAllSilosAsync();
        await _cluster.DisposeAsync();
        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task Stats_ListBothSilos_CountJobsFromRedis_AndTheClientFrontendServesTheDashboard()
    {
        var http = _web.CreateClient();
        var ids = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => http.SubmitJobAsync($"{Guid.NewGuid():N} Cluster job {i} about tides.")));
        var jobs = new List<System.Text.Json.JsonElement>();
        foreach (var id in ids)
        {
            jobs.Add(await http.FinalJobAsync(id, TimeSpan.FromSeconds(60)));
        }

        var stats = await Wait.UntilAsync(
            async () => (await http.GetFromJsonAsync<StatsResponse>("/api/stats", JsonDefaults.Options))!,
            current => current.Jobs.Completed >= 4 && current.Throughput!.LastMinuteSeries.Sum() >= 4,
            TimeSpan.FromSeconds(30), "the four jobs to be counted");

        Assert.Equal(2, stats.Silos!.Count);
        Assert.All(stats.Silos, silo =>
        {
            Assert.Equal("active", silo.Status);
            Assert.True(silo.Llm is { Capacity: >= 1 }, $"llm of {silo.Address}: {silo.Llm}");
        });
        var addresses = stats.Silos.Select(silo => silo.Address).ToHashSet();
        Assert.All(jobs, job =>
        {
            Assert.Equal("completed", job.Status());
            Assert.Contains(job.GetProperty("ranOn").GetProperty("embedding").GetString()!, addresses);
            Assert.Contains(job.GetProperty("ranOn").GetProperty("llm").GetString()!, addresses);
        });

        var page = await http.GetAsync("/dashboard/");
        var counters = await http.GetAsync("/dashboard/DashboardCounters");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Orleans Dashboard", await page.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, counters.StatusCode);
        Assert.Equal("application/json", counters.Content.Headers.ContentType!.MediaType);
    }
}
