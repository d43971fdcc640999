using System.Diagnostics;
using OrleansNlp.Models;
using OrleansNlp.Tests.Infrastructure;
using Xunit.Abstractions;

namespace OrleansNlp.Tests;

/// <summary>The silo holding a batch dies while the batch is still creating its jobs: the batch resumes elsewhere,
/// every text gets exactly one job, and every job completes. Owns its Redis and cluster (it kills a silo).</summary>
[Trait(TestCategory.Trait, TestCategory.Reliability)]
public sealed class BatchCrashTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan RecoveryTimeout = TimeSpan.FromSeconds(120);
    private RedisServer _redis = null!;

    public async Task InitializeAsync() => _redis = await RedisServer.StartAsync();

    public async Task DisposeAsync() => await _redis.DisposeAsync();

    [Fact]
    public async Task KillingTheBatchsSiloMidFanOut_LosesNoTextAndDuplicatesNoJob()
    {
        // One job created at a time, so the fan-out of 1,000 texts is still running when the silo dies.
        var settings = TestSettings.QuickJobs().Append(new("Batches:FanOutConcurrency", "1"));
        var cluster = TestClusters.OnRedis(_redis, silos: 3).With(settings).Build();
        await cluster.DeployAsync();
        try
        {
            var client = cluster.Client;
            var batchId = Guid.NewGuid().ToString("N");
            var texts = Enumerable.Range(0, 1000).Select(i => $"Crash batch {batchId} text {i}. Nothing accepted is lost.").ToArray();
            var batch = client.GetGrain<IBatchGrain>(batchId);
            Assert.Equal(SubmitOutcome.Created, (await batch.SubmitAsync(new BatchRequest(texts))).Outcome);

            await Wait.UntilAsync(() => client.GetGrain<IJobGrain>(BatchJobIds.For(batchId, 50)).GetStatusAsync(), job => job is not null,
                TimeSpan.FromSeconds(30), "the fan-out to create job 50");
            var holder = await client.GetGrain<IManagementGrain>(0).GetActivationAddress(batch);
            var victim = cluster.Silos.Single(silo => silo.SiloAddress.Equals(holder));
            var lastJobExisted = await client.GetGrain<IJobGrain>(BatchJobIds.For(batchId, 999)).GetStatusAsync() is not null;
            var clock = Stopwatch.StartNew();
            await cluster.KillSiloAsync(victim);

            var final = await Wait.UntilAsync(
                async () =>
                {
                    try
                    {
                        return await batch.GetStatusAsync();
                    }
                    catch (Exception exception) when (exception is OrleansException or TimeoutException)
                    {
                        return null; // the dead silo is not declared dead yet
                    }
                },
                snapshot => snapshot?.Status == BatchStatus.Completed,
                RecoveryTimeout,
                "the batch to complete after its silo died");
            output.WriteLine($"Batch completed {clock.Elapsed.TotalSeconds:0.0} s after its silo was killed.");

            Assert.False(lastJobExisted, "the silo should die before the fan-out ended");
            Assert.Equal(new BatchCounts(0, 0, 1000, 0, 0), final!.Counts);
            // Every text has its one job, completed; the status index (Redis) lists exactly those jobs for this batch.
            var jobs = await Task.WhenAll(Enumerable.Range(0, 1000).Select(i => client.GetGrain<IJobGrain>(BatchJobIds.For(batchId, i)).GetStatusAsync()));
            Assert.All(jobs, job => Assert.Equal(JobStatus.Completed, job!.Status));
            var listed = await ListedJobsAsync(client, JobStatus.Completed, batchId);
            Assert.Equal(1000, listed.Count);
            Assert.Equal(jobs.Select(job => job!.JobId).Order(), listed.Order());
            foreach (var status in new[] { JobStatus.Pending, JobStatus.Processing, JobStatus.Failed, JobStatus.Cancelled })
            {
                Assert.Empty(await ListedJobsAsync(client, status, batchId));
            }
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }
    }

    private static async Task<List<string>> ListedJobsAsync(IClusterClient client, JobStatus status, string batchId)
    {
        var index = client.GetGrain<IJobIndexGrain>(0);
        var ids = new List<string>();
        string? cursor = null;
        do
        {
            var page = await index.ListAsync(status, 100, cursor);
            ids.AddRange(page.JobIds.Where(id => id.StartsWith(batchId + "-", StringComparison.Ordinal)));
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        return ids;
    }
}
