using OrleansNlp.Embedding;
using OrleansNlp.Models;
using OrleansNlp.Tests.Infrastructure;

namespace OrleansNlp.Tests;

[Trait(TestCategory.Trait, TestCategory.Cluster)]
[Collection(ClusterCollection.Name)]
public sealed class JobPipelineTests(ClusterFixture fixture)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Submit_ReturnsPendingAtOnce_ThenCompletesWithWordAnalysis()
    {
        var jobId = Guid.NewGuid().ToString("N");
        var job = fixture.Client.GetGrain<IJobGrain>(jobId);

        var submission = await job.SubmitAsync(new JobRequest("Apples and bananas. Apples, cherries; apples! Bananas? Dates and the elderberries, figs."));
        var accepted = submission.Snapshot;

        Assert.Equal(SubmitOutcome.Created, submission.Outcome);
        Assert.Equal(JobStatus.Pending, accepted.Status);
        Assert.Equal(JobStage.Queued, accepted.Stage);
        Assert.Null(accepted.Result);

        var done = await job.UntilFinalAsync();
        Assert.Equal(JobStatus.Completed, done!.Status);
        Assert.Equal(JobStage.Done, done.Stage);
        Assert.Equal(100, done.Progress);
        Assert.Equal(new StageAttempts(Embedding: 1, Llm: 1), done.Attempts);
        Assert.True(done.CreatedAt <= done.StartedAt && done.StartedAt <= done.CompletedAt);
        Assert.Equal(DateTimeKind.Utc, done.CompletedAt!.Value.Kind);

        var analysis = done.Result!.Analysis;
        Assert.Equal(9, analysis.WordCount);
        Assert.Equal(["apples", "bananas", "cherries", "dates", "elderberries"], analysis.TopWords.Select(w => w.Word));
        Assert.Equal([3, 2, 1, 1, 1], analysis.TopWords.Select(w => w.Count));
        Assert.Equal((EmbeddingOptions.DefaultModelName, 100, 1), (done.Result.Embedding.Model, done.Result.Embedding.Dimensions, done.Result.Embedding.Chunks));
        Assert.Equal(100, done.Result.Embedding.Vector!.Length);
        Assert.Equal(1f, System.Numerics.Tensors.TensorPrimitives.Norm<float>(done.Result.Embedding.Vector), 3);
        Assert.Equal("extractive", done.Result.Llm.Provider);
        Assert.Contains("Apples", done.Result.Llm.Output);
    }

    [Fact]
    public async Task StreamSubscriber_SeesEveryTransitionAfterAcceptanceInOrder()
    {
        var jobId = Guid.NewGuid().ToString("N");
        await using var watcher = await JobWatcher.StartAsync(fixture.Client, jobId);

        var accepted = await fixture.Client.GetGrain<IJobGrain>(jobId).SubmitAsync(new JobRequest("The quick brown fox jumps over the lazy dog.", "Summarize it."));
        var events = await watcher.UntilFinalAsync(Timeout);

        // The accepted job is Submit's answer (and the snapshot a watcher reads); its stream carries every move after it.
        Assert.Equal((JobStatus.Pending, JobStage.Queued, 0), (accepted.Snapshot.Status, accepted.Snapshot.Stage, accepted.Snapshot.Progress));
        Assert.Equal(accepted.Snapshot.Version + 1, events[0].Version);
        Assert.Equal(
            [
                (JobStatus.Processing, JobStage.Embedding, 10),
                (JobStatus.Processing, JobStage.Llm, 50),
                (JobStatus.Completed, JobStage.Done, 100),
            ],
            events.Select(e => (e.Status, e.Stage, e.Progress)));
        Assert.All(events, e => Assert.Equal(jobId, e.JobId));
        Assert.Equal(events.OrderBy(e => e.Timestamp).Select(e => e.Timestamp), events.Select(e => e.Timestamp));
    }

    [Fact]
    public async Task UnwatchedJob_PublishesNothingOnItsStream_UntilWatched_ThenEveryLaterMove()
    {
        var jobId = Guid.NewGuid().ToString("N");
        var gate = Random.Shared.Next(1_000_000, int.MaxValue);
        await using var subscriber = await JobWatcher.SubscribeAsync(fixture.Client, jobId);
        var job = fixture.Client.GetGrain<IJobGrain>(jobId);

        await job.SubmitAsync(new JobRequest($"[llm:gate:{gate}] {jobId} Watching starts in the middle of this job."));
        await Wait.UntilAsync(job.GetStatusAsync, status => status?.Stage == JobStage.Llm, Timeout, "the job to reach its LLM stage");
        var snapshot = await subscriber.WatchAsync();
        FaultInjection.OpenGate(gate);
        var events = await subscriber.UntilFinalAsync(Timeout);

        // One partition stream carries the job's events in order: had the moves to embedding and LLM been published
        // before the watch, they would come first.
        Assert.Equal(JobStage.Llm, snapshot!.Stage);
        Assert.Equal(snapshot.Version + 1, events[0].Version);
        Assert.Equal(Enumerable.Range(0, events.Count).Select(i => snapshot.Version + 1 + i), events.Select(e => e.Version));
        Assert.Equal(JobStatus.Completed, events[^1].Status);
    }

    [Fact]
    public async Task Submit_TwiceWithSameId_KeepsTheFirstJobAndRunsItOnce()
    {
        var job = fixture.Client.GetGrain<IJobGrain>(Guid.NewGuid().ToString("N"));
        var request = new JobRequest("Rivers flow. Rivers bend around hills.");
        var first = await job.SubmitAsync(request);
        await job.UntilFinalAsync();

        var same = await job.SubmitAsync(request with { });
        var different = await job.SubmitAsync(new JobRequest("Mountains rise. Mountains stay."));

        Assert.Equal(SubmitOutcome.Created, first.Outcome);
        Assert.Equal(SubmitOutcome.Existing, same.Outcome);
        Assert.Equal(SubmitOutcome.Conflict, different.Outcome);
        Assert.Equal(first.Snapshot.CreatedAt, same.Snapshot.CreatedAt);
        Assert.Equal(JobStatus.Completed, different.Snapshot.Status);
        Assert.Equal(new StageAttempts(1, 1), different.Snapshot.Attempts);
        Assert.Equal("rivers", different.Snapshot.Result!.Analysis.TopWords[0].Word);
    }

    [Fact]
    public async Task Cancel_OfACompletedJob_IsRefusedAndKeepsTheResult()
    {
        var job = fixture.Client.GetGrain<IJobGrain>(Guid.NewGuid().ToString("N"));
        await job.SubmitAsync(new JobRequest("Cancellation comes too late for this text."));
        await job.UntilFinalAsync();

        var afterCancel = await job.CancelAsync();

        Assert.Equal(JobStatus.Completed, afterCancel!.Status);
        Assert.NotNull(afterCancel.Result);
    }

    [Fact]
    public async Task AMultiSentenceText_IsEmbeddedOnce_TheSummaryRanksTheSentenceVectorsOfTheEmbeddingStage()
    {
        var token = Guid.NewGuid().ToString("N");
        var job = fixture.Client.GetGrain<IJobGrain>(token);
        await job.SubmitAsync(new JobRequest(
            $"Ticket {token} was filed by the desk. Lighthouses guide ships along rocky coasts at night. The stock market fell sharply today.",
            "What do lighthouses do for ships?"));

        var done = await job.UntilFinalAsync();

        Assert.Equal(JobStatus.Completed, done.Status);
        Assert.Equal("Lighthouses guide ships along rocky coasts at night.", done.Result!.Llm.Output);
        // One embedder call, the embedding stage's: the summary did not embed the sentences again.
        Assert.Equal(1, FaultInjection.CallsFor("embed", token));
    }

    [Fact]
    public async Task Cancel_WhileAStageRuns_CancelsTheStageAndNoResultAppears()
    {
        var token = Guid.NewGuid().ToString("N");
        var job = fixture.Client.GetGrain<IJobGrain>(token);
        await job.SubmitAsync(new JobRequest($"[embed:hang] {token} This embedding never ends by itself."));
        await Wait.UntilAsync(job.GetStatusAsync, s => s!.Stage == JobStage.Embedding, Timeout, "the embedding stage to start");

        var cancelled = await job.CancelAsync();

        Assert.Equal(JobStatus.Cancelled, cancelled!.Status);
        Assert.NotNull(cancelled.CompletedAt);
        await Wait.UntilAsync(() => Task.FromResult(FaultInjection.SawCancellation(token)), seen => seen, Timeout, "the stage to see its cancellation");
        var after = await job.GetStatusAsync();
        Assert.Equal(JobStatus.Cancelled, after!.Status);
        Assert.Null(after.Result);
        Assert.Equal(1, FaultInjection.CallsFor("embed", token));
        Assert.Equal(0, FaultInjection.CallsFor("llm", token));
    }

    [Fact]
    public async Task Retry_OfACompletedJob_IsRefused()
    {
        var job = fixture.Client.GetGrain<IJobGrain>(Guid.NewGuid().ToString("N"));
        await job.SubmitAsync(new JobRequest("A finished job cannot be retried."));
        await job.UntilFinalAsync();

        var retry = await job.RetryAsync();

        Assert.Equal(SubmitOutcome.Conflict, retry!.Outcome);
        Assert.Equal(JobStatus.Completed, retry.Snapshot.Status);
    }

    [Fact]
    public async Task UnknownJob_HasNoStatus_AndCannotBeCancelled()
    {
        var job = fixture.Client.GetGrain<IJobGrain>(Guid.NewGuid().ToString("N"));

        Assert.Null(await job.GetStatusAsync());
        Assert.Null(await job.CancelAsync());
        Assert.Null(await job.RetryAsync());
    }

    [Fact]
    public async Task Submit_BlankText_IsRejected()
    {
        var job = fixture.Client.GetGrain<IJobGrain>(Guid.NewGuid().ToString("N"));

        await Assert.ThrowsAsync<ArgumentException>(() => job.SubmitAsync(new JobRequest("   ")));
        Assert.Null(await job.GetStatusAsync());
    }
}
