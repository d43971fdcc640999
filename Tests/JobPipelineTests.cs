using OrleansNlp.Models;
using OrleansNlp.Tests.Infrastructure;

namespace OrleansNlp.Tests;

[Collection(ClusterCollection.Name)]
public sealed class JobPipelineTests(ClusterFixture fixture)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Submit_ReturnsPendingAtOnce_ThenCompletesWithWordAnalysis()
    {
        var jobId = Guid.NewGuid().ToString("N");
        var job = fixture.Client.GetGrain<IJobGrain>(jobId);

        var accepted = await job.SubmitAsync(new JobRequest("Apples and bananas. Apples, cherries; apples! Bananas? Dates and the elderberries, figs."));

        Assert.Equal(JobStatus.Pending, accepted.Status);
        Assert.Equal(JobStage.Queued, accepted.Stage);
        Assert.Null(accepted.Result);

        var done = await Wait.UntilAsync(job.GetStatusAsync, s => s!.Status.IsFinal(), Timeout, "the job to finish");
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
        Assert.Equal(new EmbeddingSummary("hashed-bow-256", 256, 1), done.Result.Embedding);
        Assert.Equal("extractive", done.Result.Llm.Provider);
        Assert.Contains("Apples", done.Result.Llm.Output);
    }

    [Fact]
    public async Task StreamSubscriber_SeesEveryTransitionInOrder()
    {
        var jobId = Guid.NewGuid().ToString("N");
        await using var watcher = await JobWatcher.StartAsync(fixture.Client, jobId);

        await fixture.Client.GetGrain<IJobGrain>(jobId).SubmitAsync(new JobRequest("The quick brown fox jumps over the lazy dog.", "Summarize it."));
        var events = await watcher.UntilFinalAsync(Timeout);

        Assert.Equal(
            [
                (JobStatus.Pending, JobStage.Queued, 0),
                (JobStatus.Processing, JobStage.Embedding, 10),
                (JobStatus.Processing, JobStage.Llm, 50),
                (JobStatus.Completed, JobStage.Done, 100),
            ],
            events.Select(e => (e.Status, e.Stage, e.Progress)));
        Assert.All(events, e => Assert.Equal(jobId, e.JobId));
        Assert.Equal(events.OrderBy(e => e.Timestamp).Select(e => e.Timestamp), events.Select(e => e.Timestamp));
    }

    [Fact]
    public async Task Submit_TwiceWithSameId_KeepsTheFirstJobAndRunsItOnce()
    {
        var job = fixture.Client.GetGrain<IJobGrain>(Guid.NewGuid().ToString("N"));
        var first = await job.SubmitAsync(new JobRequest("Rivers flow. Rivers bend around hills."));
        await Wait.UntilAsync(job.GetStatusAsync, s => s!.Status.IsFinal(), Timeout, "the job to finish");

        var second = await job.SubmitAsync(new JobRequest("Mountains rise. Mountains stay."));

        Assert.Equal(first.CreatedAt, second.CreatedAt);
        Assert.Equal(JobStatus.Completed, second.Status);
        Assert.Equal(new StageAttempts(1, 1), second.Attempts);
        Assert.Equal("rivers", second.Result!.Analysis.TopWords[0].Word);
    }

    [Fact]
    public async Task Cancel_OfACompletedJob_IsRefusedAndKeepsTheResult()
    {
        var job = fixture.Client.GetGrain<IJobGrain>(Guid.NewGuid().ToString("N"));
        await job.SubmitAsync(new JobRequest("Cancellation comes too late for this text."));
        await Wait.UntilAsync(job.GetStatusAsync, s => s!.Status.IsFinal(), Timeout, "the job to finish");

        var afterCancel = await job.CancelAsync();

        Assert.Equal(JobStatus.Completed, afterCancel!.Status);
        Assert.NotNull(afterCancel.Result);
    }

    [Fact]
    public async Task UnknownJob_HasNoStatus_AndCannotBeCancelled()
    {
        var job = fixture.Client.GetGrain<IJobGrain>(Guid.NewGuid().ToString("N"));

        Assert.Null(await job.GetStatusAsync());
        Assert.Null(await job.CancelAsync());
    }

    [Fact]
    public async Task Submit_BlankText_IsRejected()
    {
        var job = fixture.Client.GetGrain<IJobGrain>(Guid.NewGuid().ToString("N"));

        await Assert.ThrowsAsync<ArgumentException>(() => job.SubmitAsync(new JobRequest("   ")));
        Assert.Null(await job.GetStatusAsync());
    }
}
