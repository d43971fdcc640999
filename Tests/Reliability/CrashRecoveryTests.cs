using System.Diagnostics;
using OrleansNlp.Models;
using OrleansNlp.Tests.Infrastructure;
using Xunit.Abstractions;

namespace OrleansNlp.Tests;

/// <summary>Silos die without warning in the middle of a stage; every accepted job must still finish.
/// Each test owns its Redis and cluster (it kills silos).</summary>
[Trait(TestCategory.Trait, TestCategory.Reliability)]
public sealed class CrashRecoveryTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan RecoveryTimeout = TimeSpan.FromSeconds(90);
    private RedisServer _redis = null!;

    /// <summary>Quick watchdog and failure detection, but a stage time limit longer than the slow stage.</summary>
    private static IEnumerable<KeyValuePair<string, string?>> CrashSettings =>
        TestSettings.QuickJobs().Append(new("Jobs:StageTimeout", "00:00:30"));

    public async Task InitializeAsync() => _redis = await RedisServer.StartAsync();

    public async Task DisposeAsync() => await _redis.DisposeAsync();

    private static async Task<IJobGrain[]> SubmitSlowJobsAsync(IClusterClient client, int count)
    {
        var jobs = Enumerable.Range(0, count).Select(_ => client.GetGrain<IJobGrain>(Guid.NewGuid().ToString("N"))).ToArray();
        await Task.WhenAll(jobs.Select((job, i) => job.SubmitAsync(new JobRequest($"[embed:slow:4000] {job.GetPrimaryKeyString()} Crash test job {i}."))));
        await Wait.UntilAsync(
            async () => await Task.WhenAll(jobs.Select(job => job.GetStatusAsync())),
            all => all.All(s => s!.Stage == JobStage.Embedding),
            TimeSpan.FromSeconds(30),
            "every job to be in its embedding stage");
        return jobs;
    }

    [Fact]
    public async Task KillingASiloMidStage_EveryJobItHeldCompletesOnTheOthers()
    {
        var cluster = TestClusters.OnRedis(_redis, silos: 3).With(CrashSettings).Build();
        await cluster.DeployAsync();
        try
        {
            var jobs = await SubmitSlowJobsAsync(cluster.Client, 12);
            // Placement may put every job on one silo: kill a silo that holds some.
            var management = cluster.Client.GetGrain<IManagementGrain>(0);
            var holders = await Task.WhenAll(jobs.Select(job => management.GetActivationAddress(job).AsTask()));
            var victim = cluster.Silos.First(silo => holders.Any(holder => silo.SiloAddress.Equals(holder)));

            var clock = Stopwatch.StartNew();
            await cluster.KillSiloAsync(victim);
            var finals = await Wait.UntilAsync(
                async () => await Task.WhenAll(jobs.Select(job => job.GetStatusAsync())),
                all => all.All(s => s!.Status.IsFinal()),
                RecoveryTimeout,
                "every job to finish after the crash");
            output.WriteLine($"All jobs finished {clock.Elapsed.TotalSeconds:0.0} s after the silo was killed.");

            Assert.All(finals, s => Assert.Equal(JobStatus.Completed, s!.Status));
            // The killed silo's jobs ran their (unpersisted, cheap to redo) first embedding attempt again.
            Assert.Contains(jobs, job => FaultInjection.CallsFor("embed", job.GetPrimaryKeyString()) == 2);
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }
    }

    [Fact]
    public async Task WholeClusterCrashAndRestart_EveryAcceptedJobFinishes()
    {
        var first = TestClusters.OnRedis(_redis).With(CrashSettings).Build();
        await first.DeployAsync();
        var serviceId = first.Options.ServiceId;
        string[] ids;
        try
        {
            ids = (await SubmitSlowJobsAsync(first.Client, 8)).Select(job => job.GetPrimaryKeyString()).ToArray();
            foreach (var silo in first.Silos.ToArray())
            {
                await first.KillSiloAsync(silo);
            }
        }
        finally
        {
            await first.DisposeAsync();
        }

        var second = TestClusters.OnRedis(_redis, serviceId: serviceId).With(CrashSettings).Build();
        await second.DeployAsync();
        try
        {
            // Nobody touches the jobs: the watchdog alone must bring them back.
            var index = second.Client.GetGrain<IJobIndexGrain>(0);
            await Wait.UntilAsync(
                async () => (await index.ListAsync(JobStatus.Completed, 100, null)).JobIds.Count(ids.Contains),
                completed => completed == ids.Length,
                RecoveryTimeout,
                "the watchdog to complete every job");

            var finals = await Task.WhenAll(ids.Select(id => second.Client.GetGrain<IJobGrain>(id).GetStatusAsync()));
            Assert.All(finals, s => Assert.Equal(JobStatus.Completed, s!.Status));
            Assert.All(ids, id => Assert.True(FaultInjection.CallsFor("embed", id) >= 2, "each job ran its embedding again"));
        }
        finally
        {
            await second.StopAllSilosAsync();
            await second.DisposeAsync();
        }
    }
}
