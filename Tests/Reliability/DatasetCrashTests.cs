using System.Diagnostics;
using System.Text.Json;
using OrleansNlp.Datasets;
using OrleansNlp.Models;
using OrleansNlp.Tests.Infrastructure;
using Xunit.Abstractions;

namespace OrleansNlp.Tests;

/// <summary>The silo running a dataset job dies mid-generation: the job resumes on another silo at the next chunk,
/// never asking the model again for a chunk it had stored, and completes with every row. Owns its Redis and cluster.</summary>
[Trait(TestCategory.Trait, TestCategory.Reliability)]
public sealed class DatasetCrashTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Rows = 40;
    private const int RowsPerCall = 5;
    private static readonly TimeSpan RecoveryTimeout = TimeSpan.FromSeconds(120);

    private RedisServer _redis = null!;
    private FakeOpenAiServer _llm = null!;

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        _llm = await FakeOpenAiServer.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _llm.DisposeAsync();
        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task KillingTheJobsSiloMidGeneration_ResumesAtTheNextChunk_WithoutRegeneratingStoredOnes()
    {
        var settings = TestSettings.QuickJobs().Concat(
        [
            new("Llm:Provider", "openai"),
            new("Llm:Endpoint", _llm.Endpoint),
            new("Llm:Model", "crash-model"),
            new("Llm:RetryBaseDelay", "00:00:00.050"),
            new("Jobs:StageTimeout", "00:00:10"),
            new("Datasets:RowsPerCall", RowsPerCall.ToString()),
        ]);
        var cluster = TestClusters.OnRedis(_redis, silos: 3).With(settings).Build();
        await cluster.DeployAsync();
        try
        {
            var client = cluster.Client;
            var token = Guid.NewGuid().ToString("N");
            // Every call takes a while, so that the silo dies with chunks stored and more to come.
            _llm.Script(token, Enumerable.Range(0, 100).Select(_ => FakeReply.SlowSuccess(TimeSpan.FromMilliseconds(300))).ToArray());
            var fields = JsonSerializer.Serialize(new[]
            {
                new { name = "technology_id", type = "str", required = true },
                new { name = "year", type = "int", required = false },
            });
            var jobId = Guid.NewGuid().ToString("N");
            var job = client.GetGrain<IJobGrain>(jobId);
            await job.SubmitAsync(new JobRequest($"crash dataset {token}", Dataset: new DatasetSpec("Crash", Rows, fields)));

            var before = await Wait.UntilAsync(job.GetStatusAsync, snapshot => snapshot!.RowsCompleted >= 2 * RowsPerCall,
                TimeSpan.FromSeconds(30), "two chunks stored");
            var holder = await client.GetGrain<IManagementGrain>(0).GetActivationAddress(job);
            var victim = cluster.Silos.Single(silo => silo.SiloAddress.Equals(holder));
            var clock = Stopwatch.StartNew();
            await cluster.KillSiloAsync(victim);

            var final = await Wait.UntilAsync(
                async () =>
                {
                    try
                    {
                        return await job.GetStatusAsync();
                    }
                    catch (Exception exception) when (exception is OrleansException or TimeoutException)
                    {
                        return null; // the dead silo is not declared dead yet
                    }
                },
                snapshot => snapshot?.Status.IsFinal() == true,
                RecoveryTimeout,
                "the dataset to finish after its silo died");
            output.WriteLine($"Dataset completed {clock.Elapsed.TotalSeconds:0.0} s after its silo was killed; {before!.RowsCompleted} rows were stored then.");

            Assert.Equal(JobStatus.Completed, final!.Status);
            Assert.True(before.RowsCompleted < Rows, "the silo should die before the generation ended");
            var keys = final.Dataset!.Rows.Select(row => JsonDocument.Parse(row).RootElement.GetProperty("technology_id").GetString()).ToArray();
            Assert.Equal(Rows, keys.Length);
            Assert.Equal(Rows, keys.Distinct().Count());
            // Eight chunks; at most the one in flight when the silo died is asked again.
            var calls = _llm.RequestsWith(token).Count;
            output.WriteLine($"The model was called {calls} times for {Rows / RowsPerCall} chunks.");
            Assert.InRange(calls, Rows / RowsPerCall, Rows / RowsPerCall + 1);
            Assert.Equal(2, final.Attempts.Llm);
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }
    }
}
