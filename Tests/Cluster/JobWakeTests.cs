using OrleansNlp.Models;
using OrleansNlp.Tests.Infrastructure;
using StackExchange.Redis;

namespace OrleansNlp.Tests;

/// <summary>The watchdog's wake-up runs beside the job's pipeline: it must not index a move that storage has not
/// taken, or a job whose write then fails is listed as finished while storage holds it unfinished, and the watchdog,
/// which only wakes unfinished jobs, never finds it again.</summary>
[Trait(TestCategory.Trait, TestCategory.Cluster)]
[Collection(ReliabilityClusterCollection.Name)]
public sealed class JobWakeTests(ReliabilityClusterFixture fixture)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task AWakeUpDuringTheFinalWrite_WaitsForIt_AndWhenTheWriteFails_TheJobStaysListedAsUnfinished()
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(fixture.Redis.ConnectionString);
        var listed = $"{fixture.Cluster.Options.ServiceId}/index/";
        var gate = Random.Shared.Next(1_000_000, int.MaxValue);
        var jobId = Guid.NewGuid().ToString("N");
        var job = fixture.Client.GetGrain<IJobGrain>(jobId);
        await job.SubmitAsync(new JobRequest($"[store:fail-final:{gate}] {jobId} A job whose final write fails once."));
        await FaultInjection.HeldAtAsync(gate).WaitAsync(Timeout);

        var arrived = FaultInjection.CallArrivedAsync(jobId, nameof(IJobGrain.WakeAsync));
        var wake = job.WakeAsync(JobStatus.Pending);
        // The wake-up is inside the grain while the write is held; the write's failure reaches the grain only after the
        // wake-up's turn yields, which the old wake-up did only once it had moved the job to the completed list.
        await arrived.WaitAsync(Timeout);
        FaultInjection.OpenGate(gate);
        Assert.True(await wake.WaitAsync(Timeout));

        // Read at once: the watchdog resumes the job (and moves it properly) only once it is older than its period.
        var db = redis.GetDatabase();
        Assert.Null(await db.SortedSetScoreAsync(listed + "completed", jobId));
        Assert.NotNull(await db.SortedSetScoreAsync(listed + "pending", jobId));
    }
}
