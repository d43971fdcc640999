using System.Net;
using OrleansNlp.Client;
using OrleansNlp.Contracts;
using OrleansNlp.Tests.Infrastructure;

namespace OrleansNlp.Tests;

/// <summary>The typed client (OrleansNlp.Client) against the real embedded frontend: REST and the SignalR hub.</summary>
[Trait(TestCategory.Trait, TestCategory.EndToEnd)]
[Collection(EmbeddedWebCollection.Name)]
public sealed class ClientTests(EmbeddedWebFactory factory)
{
    private const string SolarText = "Solar panels turn sunlight into power. Solar farms grow fast. Panels need sunlight.";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly OrleansNlpClient _client = factory.CreateNlpClient();

    [Fact]
    public async Task SubmitAsync_ReturnsThePendingJob_ThenGetAsyncReturnsItCompletedWithItsResult()
    {
        // Digits are not words: they keep the analysis as is and make the text new to the result cache.
        var submitted = await _client.SubmitAsync($"{SolarText} {Random.Shared.NextInt64()}", instruction: "What do panels need?",
            metadata: new { customer = "acme", run = Guid.NewGuid() }, priority: JobPriority.High);

        Assert.Equal(JobStatus.Pending, submitted.Status);
        Assert.Equal(JobStage.Queued, submitted.Stage);
        Assert.Equal(JobPriority.High, submitted.Priority);
        Assert.Equal("acme", submitted.Metadata!.Value.GetProperty("customer").GetString());

        var job = await Wait.UntilAsync(() => _client.GetAsync(submitted.JobId), j => j!.IsFinal, Patience, "the job to end");

        Assert.Equal(JobStatus.Completed, job!.Status);
        Assert.Equal(JobStage.Done, job.Stage);
        Assert.Equal(100, job.Progress);
        Assert.NotNull(job.CompletedAt);
        Assert.Equal(1, job.Attempts!.Embedding);
        Assert.Equal(12, job.Result!.Analysis!.WordCount);
        Assert.Equal(["panels", "solar", "sunlight", "farms", "fast"], job.Result.Analysis.TopWords.Select(word => word.Word));
        Assert.Equal(2, job.Result.Analysis.TopWords[0].Count);
        Assert.True(job.Result.Llm!.IsExtractive);
        Assert.False(string.IsNullOrEmpty(job.Result.Embedding!.Model));
    }

    [Fact]
    public async Task SubmitAsync_WithTheSameIdempotencyKey_ReturnsTheSameJob()
    {
        var key = Guid.NewGuid().ToString("N");

        var first = await _client.SubmitAsync(SolarText, idempotencyKey: key);
        var second = await _client.SubmitAsync(SolarText, idempotencyKey: key);

        Assert.Equal(first.JobId, second.JobId);
    }

    [Fact]
    public async Task SubmitAsync_BlankText_ThrowsAnApiExceptionNamingTheField()
    {
        var exception = await Assert.ThrowsAsync<OrleansNlpApiException>(() => _client.SubmitAsync("   "));

        Assert.Equal(HttpStatusCode.BadRequest, exception.StatusCode);
        Assert.False(string.IsNullOrEmpty(exception.Title));
        Assert.True(exception.Errors.ContainsKey("text"));
        Assert.Contains("text", exception.Message);
    }

    [Fact]
    public async Task GetAsyncAndCancelAsync_UnknownJob_ReturnNull()
    {
        var jobId = Guid.NewGuid().ToString("N");

        Assert.Null(await _client.GetAsync(jobId));
        Assert.Null(await _client.CancelAsync(jobId));
    }

    [Fact]
    public async Task GetAsync_InvalidJobId_ThrowsA400NamingJobId()
    {
        var exception = await Assert.ThrowsAsync<OrleansNlpApiException>(() => _client.GetAsync("not a valid id!"));

        Assert.Equal(HttpStatusCode.BadRequest, exception.StatusCode);
        Assert.True(exception.Errors.ContainsKey("jobId"));
    }

    [Fact]
    public async Task CancelAsync_RunningJob_ReturnsItCancelled()
    {
        var submitted = await _client.SubmitAsync("A stage that never ends [embed:hang].");
        await Wait.UntilAsync(() => _client.GetAsync(submitted.JobId), j => j!.Stage == JobStage.Embedding, Patience, "the embedding stage");

        var cancelled = await _client.CancelAsync(submitted.JobId);

        Assert.Equal(JobStatus.Cancelled, cancelled!.Status);
        Assert.Null(cancelled.Result);
        Assert.Equal(JobStatus.Cancelled, (await _client.GetAsync(submitted.JobId))!.Status);
    }

    [Fact]
    public async Task SubmitAndWaitAsync_ReturnsTheFinalJobWithItsResult()
    {
        var job = await _client.SubmitAndWaitAsync(SolarText, TimeSpan.FromMilliseconds(50), Patience, metadata: new { run = Guid.NewGuid() });

        Assert.Equal(JobStatus.Completed, job.Status);
        Assert.Equal("panels", job.Result!.Analysis!.TopWords[0].Word);
    }

    [Fact]
    public async Task SubmitAndWaitAsync_JobOutlastingTheTimeout_ThrowsTimeoutExceptionAndTheJobGoesOn()
    {
        var text = "A stage that never ends [embed:hang].";

        var exception = await Assert.ThrowsAsync<JobWaitTimeoutException>(
            () => _client.SubmitAndWaitAsync(text, TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(300)));

        Assert.IsAssignableFrom<TimeoutException>(exception);
        Assert.Contains(exception.JobId, exception.Message);
        Assert.False((await _client.GetAsync(exception.JobId))!.IsFinal);
        await _client.CancelAsync(exception.JobId);
    }

    [Fact]
    public async Task WatchAsync_FinishedJob_YieldsOnlyItsFinalSnapshot()
    {
        var (job, seen) = await WatchFinishedJobAsync();

        var only = Assert.Single(seen);
        Assert.Equal(JobStatus.Completed, only.Status);
        Assert.Equal(job.JobId, only.JobId);
        Assert.True(only.Version > 0);
    }

    [Fact]
    public async Task WatchAsync_YieldsTheSnapshotThenEveryTransitionInOrder_EndingCompleted()
    {
        // Warm the hub path first so the watch below starts while the (slowed) embedding stage is still running.
        await WatchFinishedJobAsync();
        var submitted = await _client.SubmitAsync("Tidal power turns tides into power. [embed:slow:800] [llm:slow:300]");
        using var timeout = new CancellationTokenSource(Patience);

        var seen = await CollectAsync(_client.WatchAsync(submitted.JobId, timeout.Token));

        Assert.All(seen, progress => Assert.Equal(submitted.JobId, progress.JobId));
        Assert.True(seen.Count >= 2, $"expected the snapshot and live events, saw {seen.Count}");
        // Consecutive versions from the snapshot on: no transition after the snapshot was missed or repeated.
        Assert.Equal(Enumerable.Range(0, seen.Count).Select(i => seen[0].Version + i), seen.Select(progress => progress.Version));
        var last = seen[^1];
        Assert.Equal((JobStatus.Completed, JobStage.Done, 100), (last.Status, last.Stage, last.Progress));
        Assert.Equal(seen.Select(progress => progress.Progress).Order(), seen.Select(progress => progress.Progress));
        // With the submission's answer in front, the watch covers the whole lifecycle.
        var timeline = seen.Select(progress => (progress.Status, progress.Stage)).Prepend((submitted.Status, submitted.Stage)).ToList();
        Assert.Equal([JobStatus.Pending, JobStatus.Processing, JobStatus.Completed], Collapse(timeline.Select(step => step.Status)));
        Assert.Equal([JobStage.Queued, JobStage.Embedding, JobStage.Llm, JobStage.Done], Collapse(timeline.Select(step => step.Stage)));
    }

    [Fact]
    public async Task WatchAsync_UnknownJob_ThrowsJobNotFound()
    {
        var jobId = Guid.NewGuid().ToString("N");

        var exception = await Assert.ThrowsAsync<OrleansNlpApiException>(() => CollectAsync(_client.WatchAsync(jobId)));

        Assert.Equal(HttpStatusCode.NotFound, exception.StatusCode);
        Assert.Equal("Job not found", exception.Title);
        Assert.Contains(jobId, exception.Detail);
    }

    [Fact]
    public async Task ListAsync_PagesThroughTheJobsWithAStatus_NewestFirst()
    {
        var older = await _client.SubmitAndWaitAsync(SolarText, TimeSpan.FromMilliseconds(50), Patience, metadata: new { run = Guid.NewGuid() });
        var newer = await _client.SubmitAndWaitAsync(SolarText, TimeSpan.FromMilliseconds(50), Patience, metadata: new { run = Guid.NewGuid() });

        var first = await _client.ListAsync(JobStatus.Completed, limit: 1);
        var second = await _client.ListAsync(JobStatus.Completed, limit: 1, cursor: first.NextCursor);
        var many = await _client.ListAsync(JobStatus.Completed, limit: 100);

        Assert.Equal(JobStatus.Completed, Assert.Single(first.Items).Status);
        Assert.NotNull(first.NextCursor);
        Assert.NotEqual(first.Items[0].JobId, Assert.Single(second.Items).JobId);
        var ids = many.Items.Select(job => job.JobId).ToList();
        Assert.True(ids.IndexOf(newer.JobId) is >= 0 and var at && at < ids.IndexOf(older.JobId), "the newer job comes first");
    }

    [Fact]
    public async Task RetryAsync_FailedJob_RunsItAgain_WhileACompletedJobIsAConflict_AndAnUnknownOneNull()
    {
        var failed = await _client.SubmitAndWaitAsync($"[llm:fatal-once] Fails once in the LLM stage. {Random.Shared.NextInt64()}",
            TimeSpan.FromMilliseconds(50), Patience);
        Assert.Equal(JobStatus.Failed, failed.Status);

        var completed = await _client.SubmitAndWaitAsync(SolarText, TimeSpan.FromMilliseconds(50), Patience);

        var retried = await _client.RetryAsync(failed.JobId);
        var conflict = await Assert.ThrowsAsync<OrleansNlpApiException>(() => _client.RetryAsync(completed.JobId));

        Assert.Equal(failed.JobId, retried!.JobId);
        Assert.False(retried.IsFinal);
        Assert.True(retried.Version > failed.Version);
        Assert.Equal(JobStatus.Completed, (await _client.WaitAsync(failed.JobId, TimeSpan.FromMilliseconds(50), Patience)).Status);
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Null(await _client.RetryAsync(Guid.NewGuid().ToString("N")));
    }

    [Fact]
    public void ClientLibraryAndContracts_DoNotReferenceOrleans()
    {
        var references = new[] { typeof(OrleansNlpClient).Assembly, typeof(JobResponse).Assembly }
            .SelectMany(assembly => assembly.GetReferencedAssemblies()).Select(assembly => assembly.Name!);

        Assert.DoesNotContain(references, name => name.StartsWith("Orleans.") || name.StartsWith("Microsoft.Orleans"));
    }

    private async Task<(JobResponse Job, List<JobProgress> Seen)> WatchFinishedJobAsync()
    {
        var job = await _client.SubmitAndWaitAsync(SolarText, TimeSpan.FromMilliseconds(50), Patience, metadata: new { run = Guid.NewGuid() });
        using var timeout = new CancellationTokenSource(Patience);
        return (job, await CollectAsync(_client.WatchAsync(job.JobId, timeout.Token)));
    }

    private static async Task<List<JobProgress>> CollectAsync(IAsyncEnumerable<JobProgress> events)
    {
        var seen = new List<JobProgress>();
        await foreach (var progress in events)
        {
            seen.Add(progress);
        }

        return seen;
    }

    private static List<T> Collapse<T>(IEnumerable<T> values)
    {
        var collapsed = new List<T>();
        foreach (var value in values)
        {
            if (collapsed.Count == 0 || !EqualityComparer<T>.Default.Equals(collapsed[^1], value))
            {
                collapsed.Add(value);
            }
        }

        return collapsed;
    }
}
