using System.Net;
using OrleansNlp.Client;
using OrleansNlp.Contracts;
using OrleansNlp.Tests.Infrastructure;

namespace OrleansNlp.Tests;

/// <summary>The typed client's batch methods against the real embedded frontend.</summary>
[Trait(TestCategory.Trait, TestCategory.EndToEnd)]
[Collection(EmbeddedWebCollection.Name)]
public sealed class ClientBatchTests(EmbeddedWebFactory factory)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly OrleansNlpClient _client = factory.CreateNlpClient();

    private static string[] Texts(int count, Func<int, string>? marker = null)
    {
        var run = Guid.NewGuid().ToString("N");
        return Enumerable.Range(0, count)
            .Select(i => $"{marker?.Invoke(i)}Text {i} of run {run}. Solar panels turn sunlight into power. Wind farms grow fast.")
            .ToArray();
    }

    [Fact]
    public async Task WaitBatchAsync_ReportsEachNewerSnapshotInOrder_AndReturnsTheBatchCompletedWithItsCounts()
    {
        // The slow texts keep the batch running for a few reads; the last text fails for good in the LLM stage.
        var texts = Texts(5, i => i switch { < 2 => "[embed:slow:600] ", 4 => "[llm:fatal] ", _ => "" });
        var accepted = await _client.SubmitBatchAsync(texts, instruction: "What grows fast?", metadata: new { run = Guid.NewGuid() },
            priority: JobPriority.High);
        var seen = new List<BatchResponse>();

        var batch = await _client.WaitBatchAsync(accepted.BatchId, Patience, new ListProgress(seen));

        Assert.Equal(5, accepted.JobIds.Count);
        Assert.Equal((BatchStatus.Completed, 5, 100), (batch.Status, batch.Total, batch.Progress));
        Assert.Equal(new BatchCounts(0, 0, 4, 1, 0), batch.Counts);
        Assert.NotNull(batch.CompletedAt);
        Assert.True(seen.Count >= 2, $"expected the running batch and its end, saw {seen.Count} snapshots");
        Assert.False(seen[0].Status.IsFinal());
        Assert.Equal(batch, seen[^1]);
        Assert.True(seen.Zip(seen.Skip(1)).All(pair => pair.First.Version < pair.Second.Version), "versions strictly increase");

        var jobs = await _client.GetAllBatchResultsAsync(accepted.BatchId, pageSize: 2).ToListAsync();
        Assert.Equal(accepted.JobIds, jobs.Select(job => job.JobId));
        Assert.Equal([JobStatus.Completed, JobStatus.Completed, JobStatus.Completed, JobStatus.Completed, JobStatus.Failed], jobs.Select(job => job.Status));
        Assert.All(jobs, job => Assert.Equal(JobPriority.High, job.Priority));
    }

    [Fact]
    public async Task GetBatchResultsAsync_PagesTheJobsInTheOrderOfTheTexts()
    {
        var accepted = await _client.SubmitBatchAsync(Texts(3));
        await _client.WaitBatchAsync(accepted.BatchId, Patience);

        var first = await _client.GetBatchResultsAsync(accepted.BatchId, offset: 0, limit: 2);
        var second = await _client.GetBatchResultsAsync(accepted.BatchId, offset: first!.NextOffset!.Value, limit: 2);

        Assert.Equal(accepted.JobIds.Take(2), first.Items.Select(job => job.JobId));
        Assert.Equal((0, 2, 3, 2), (first.Offset, first.Limit, first.Total, first.NextOffset));
        Assert.Equal([accepted.JobIds[2]], second!.Items.Select(job => job.JobId));
        Assert.Null(second.NextOffset);
    }

    [Fact]
    public async Task CancelBatchAsync_RunningBatch_ReturnsItCancelled_AndItsJobsEndCancelled()
    {
        var accepted = await _client.SubmitBatchAsync(Texts(3, _ => "[embed:hang] "));
        await Wait.UntilAsync(() => _client.GetBatchAsync(accepted.BatchId), b => b!.Counts.Processing == 3, Patience, "three jobs embedding");

        var cancelled = await _client.CancelBatchAsync(accepted.BatchId);
        var final = await _client.WaitBatchAsync(accepted.BatchId, Patience);

        Assert.Equal(BatchStatus.Cancelled, cancelled!.Status);
        Assert.Equal(new BatchCounts(0, 0, 0, 0, 3), final.Counts);
        Assert.All(await _client.GetAllBatchResultsAsync(accepted.BatchId).ToListAsync(), job => Assert.Equal(JobStatus.Cancelled, job.Status));
    }

    [Fact]
    public async Task WaitBatchAsync_BatchOutlastingTheTimeout_ThrowsTimeoutExceptionAndTheBatchGoesOn()
    {
        var accepted = await _client.SubmitBatchAsync(Texts(2, _ => "[embed:hang] "));

        var exception = await Assert.ThrowsAsync<BatchWaitTimeoutException>(
            () => _client.WaitBatchAsync(accepted.BatchId, TimeSpan.FromMilliseconds(400)));

        Assert.IsAssignableFrom<TimeoutException>(exception);
        Assert.Equal(accepted.BatchId, exception.BatchId);
        Assert.False(exception.LastSeen!.Status.IsFinal());
        Assert.False((await _client.GetBatchAsync(accepted.BatchId))!.Status.IsFinal());
        await _client.CancelBatchAsync(accepted.BatchId);
    }

    [Fact]
    public async Task SubmitBatchAsync_WithTheSameIdempotencyKey_ReturnsTheSameBatch()
    {
        var key = Guid.NewGuid().ToString("N");
        var texts = Texts(2);

        var first = await _client.SubmitBatchAsync(texts, idempotencyKey: key);
        var second = await _client.SubmitBatchAsync(texts, idempotencyKey: key);

        Assert.Equal(first.BatchId, second.BatchId);
        Assert.Equal(first.JobIds, second.JobIds);
    }

    [Fact]
    public async Task SubmitBatchAsync_ABlankText_ThrowsAnApiExceptionNamingItsIndex()
    {
        var exception = await Assert.ThrowsAsync<OrleansNlpApiException>(() => _client.SubmitBatchAsync(["A fine text.", "   "]));

        Assert.Equal(HttpStatusCode.BadRequest, exception.StatusCode);
        Assert.True(exception.Errors.ContainsKey("texts[1]"), string.Join(", ", exception.Errors.Keys));
    }

    [Fact]
    public async Task UnknownBatch_ReadsAsNull_AndWaitingForItThrows404()
    {
        var batchId = Guid.NewGuid().ToString("N");

        Assert.Null(await _client.GetBatchAsync(batchId));
        Assert.Null(await _client.GetBatchResultsAsync(batchId));
        Assert.Null(await _client.CancelBatchAsync(batchId));
        var exception = await Assert.ThrowsAsync<OrleansNlpApiException>(() => _client.WaitBatchAsync(batchId, Patience));
        Assert.Equal(HttpStatusCode.NotFound, exception.StatusCode);
    }

    /// <summary>Collects reports as they are made (Progress&lt;T&gt; would post them to the thread pool).</summary>
    private sealed class ListProgress(List<BatchResponse> seen) : IProgress<BatchResponse>
    {
        public void Report(BatchResponse value) => seen.Add(value);
    }
}
