using OrleansNlp.Models;
using OrleansNlp.Tests.Infrastructure;

namespace OrleansNlp.Tests;

/// <summary>Owns a Redis-backed cluster whose jobs are held in their embedding stage while a silo joins.</summary>
[Trait(TestCategory.Trait, TestCategory.Reliability)]
public sealed class ScaleOutTests : IAsyncLifetime
{
    private RedisServer _redis = null!;

    public async Task InitializeAsync() => _redis = await RedisServer.StartAsync();

    public async Task DisposeAsync() => await _redis.DisposeAsync();

    [Fact]
    public async Task AddingASilo_While200JobsRun_LosesNone()
    {
        var builder = TestClusters.OnRedis(_redis);
        builder.Properties[TestSettings.FaultInjection] = "true";
        var gate = Random.Shared.Next(1_000_000, int.MaxValue);
        var cluster = builder.Build();
        await cluster.DeployAsync();
        try
        {
            var jobs = Enumerable.Range(0, 200)
                .Select(i => cluster.Client.GetGrain<IJobGrain>($"scale-{Guid.NewGuid():N}"))
                .ToArray();
            await Task.WhenAll(jobs.Select((job, i) => job.SubmitAsync(new JobRequest($"[embed:gate:{gate}] Job number {i} talks about scaling clusters."))));
            await Wait.UntilAsync(
                async () => await Task.WhenAll(jobs.Select(job => job.GetStatusAsync())),
                all => all.All(s => s!.Stage == JobStage.Embedding),
                TimeSpan.FromSeconds(30),
                "all 200 jobs to be in their embedding stage");

            var newSilo = await cluster.StartAdditionalSiloAsync();
            var running = (await Task.WhenAll(jobs.Select(job => job.GetStatusAsync()))).Count(s => !s!.Status.IsFinal());
            FaultInjection.OpenGate(gate);

            var finals = await Wait.UntilAsync(
                async () => await Task.WhenAll(jobs.Select(job => job.GetStatusAsync())),
                all => all.All(s => s!.Status.IsFinal()),
                TimeSpan.FromMinutes(2),
                "all 200 jobs to finish");

            Assert.Equal(200, running);
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
