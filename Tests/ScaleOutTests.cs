using OrleansNlp.Models;
using OrleansNlp.Tests.Infrastructure;

namespace OrleansNlp.Tests;

/// <summary>Owns a Redis-backed cluster with slowed embedding so that jobs are still running while a silo joins.</summary>
public sealed class ScaleOutTests : IAsyncLifetime
{
    private RedisServer _redis = null!;

    public async Task InitializeAsync() => _redis = await RedisServer.StartAsync();

    public async Task DisposeAsync() => await _redis.DisposeAsync();

    [Fact]
    public async Task AddingASilo_While200JobsRun_LosesNone()
    {
        var builder = TestClusters.OnRedis(_redis);
        builder.Properties[TestSettings.EmbeddingDelayMs] = "250";
        var cluster = builder.Build();
        await cluster.DeployAsync();
        try
        {
            var jobs = Enumerable.Range(0, 200)
                .Select(i => cluster.Client.GetGrain<IJobGrain>($"scale-{Guid.NewGuid():N}"))
                .ToArray();
            await Task.WhenAll(jobs.Select((job, i) => job.SubmitAsync(new JobRequest($"Job number {i} talks about scaling clusters."))));

            var newSilo = await cluster.StartAdditionalSiloAsync();
            var running = 0;
            foreach (var job in jobs)
            {
                running += (await job.GetStatusAsync())!.Status.IsFinal() ? 0 : 1;
            }

            var finals = await Wait.UntilAsync(
                async () => await Task.WhenAll(jobs.Select(job => job.GetStatusAsync())),
                all => all.All(s => s!.Status.IsFinal()),
                TimeSpan.FromMinutes(2),
                "all 200 jobs to finish");

            Assert.True(running > 0, "Some jobs should still have been running when the new silo joined.");
            Assert.All(finals, s => Assert.Equal(JobStatus.Completed, s!.Status));
            Assert.Equal(3, cluster.GetActiveSilos().Count());
            Assert.Contains(cluster.GetActiveSilos(), silo => silo.SiloAddress == newSilo.SiloAddress);
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }
    }
}
