using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OrleansNlp.Contracts;
using OrleansNlp.Tests.Infrastructure;
using Xunit.Abstractions;

namespace OrleansNlp.Tests;

/// <summary>Batches through the real frontend (embedded silo): fan-out, counts, results in order, cancellation,
/// idempotency.</summary>
[Trait(TestCategory.Trait, TestCategory.Api)]
[Collection(EmbeddedWebCollection.Name)]
public sealed class BatchesApiTests(EmbeddedWebFactory factory, ITestOutputHelper output)
{
    private static readonly TimeSpan BatchPatience = TimeSpan.FromMinutes(3);
    private readonly HttpClient _http = factory.CreateClient();

    private static string[] Texts(int count, Func<int, string>? marker = null)
    {
        var run = Guid.NewGuid().ToString("N");
        return Enumerable.Range(0, count)
            .Select(i => $"{marker?.Invoke(i)}Text {i} of run {run}. Solar panels turn sunlight into power. Wind farms grow fast.")
            .ToArray();
    }

    [Fact]
    public async Task AThousandTextBatch_CompletesWithTheRightCounts_AndPagesItsJobsInOrder()
    {
        // Every 100th text fails for good in the LLM stage (one job each: the LLM stage is not batched across jobs).
        var texts = Texts(1000, i => i % 100 == 7 ? "[llm:fatal] " : "");
        var clock = Stopwatch.StartNew();

        var accepted = await _http.SubmitBatchAsync(texts);
        var answeredAfter = clock.Elapsed;

        Assert.Equal(1000, accepted.JobIds.Count);
        Assert.Equal(1000, accepted.JobIds.Distinct().Count());
        Assert.True(answeredAfter < TimeSpan.FromSeconds(10), $"202 took {answeredAfter}");
        var batch = await _http.WaitForBatchAsync(accepted.BatchId, b => b.Status == BatchStatus.Completed, "the batch to complete", BatchPatience);
        output.WriteLine($"202 after {answeredAfter.TotalMilliseconds:0} ms; completed after {clock.Elapsed.TotalSeconds:0.0} s");

        Assert.Equal(new BatchCounts(0, 0, 990, 10, 0), batch.Counts);
        Assert.Equal((1000, 100), (batch.Total, batch.Progress));
        Assert.NotNull(batch.CompletedAt);
        Assert.Equal(batch.CompletedAt + TimeSpan.FromDays(1), batch.ExpiresAt); // Jobs:Retention, default
        var sentiments = batch.Summary.Sentiment;
        Assert.True(sentiments.Positive + sentiments.Neutral + sentiments.Negative <= 990);
        Assert.True(batch.Summary.Languages.Values.Sum() <= 990);

        var results = await _http.ReadAllResultsAsync(accepted.BatchId);
        Assert.Equal(accepted.JobIds, results.Select(job => job.JobId));
        Assert.All(results.Where((_, i) => i % 100 == 7), job => Assert.Equal(JobStatus.Failed, job.Status));
        Assert.Equal(990, results.Count(job => job.Status == JobStatus.Completed && job.Result is not null));
    }

    [Fact]
    public async Task CancellingMidBatch_CancelsEveryUnfinishedJob_AndKeepsTheFinishedOnes()
    {
        const int gate = 8801;
        // Four jobs finish; sixteen wait in the LLM stage until cancelled.
        var texts = Texts(20, i => i < 4 ? "" : $"[llm:gate:{gate}] ");
        var accepted = await _http.SubmitBatchAsync(texts);
        try
        {
            await _http.WaitForBatchAsync(accepted.BatchId, b => b.Counts.Completed == 4 && b.Counts.Processing == 16,
                "four jobs done and sixteen waiting", HttpAssertions.JobPatience);

            var response = await _http.DeleteAsync($"/api/batches/{accepted.BatchId}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);

            var batch = await _http.WaitForBatchAsync(accepted.BatchId, b => b.Status == BatchStatus.Cancelled, "the batch to be cancelled",
                HttpAssertions.JobPatience);
            Assert.Equal(new BatchCounts(0, 0, 4, 0, 16), batch.Counts);
            var jobs = await _http.ReadAllResultsAsync(accepted.BatchId);
            Assert.Equal(Enumerable.Repeat(JobStatus.Completed, 4).Concat(Enumerable.Repeat(JobStatus.Cancelled, 16)), jobs.Select(job => job.Status));

            var again = await _http.DeleteAsync($"/api/batches/{accepted.BatchId}");
            Assert.Equal(BatchStatus.Cancelled, (await again.Content.ReadFromJsonAsync<BatchResponse>(JsonDefaults.Options))!.Status);
        }
        finally
        {
            FaultInjection.OpenGate(gate);
        }
    }

    [Fact]
    public async Task CancellingALargeBatchRightAway_EndsItCancelled_WithEveryTextCountedOnce()
    {
        var accepted = await _http.SubmitBatchAsync(Texts(1000));

        var clock = Stopwatch.StartNew();
        var response = await _http.DeleteAsync($"/api/batches/{accepted.BatchId}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        output.WriteLine($"DELETE answered after {clock.ElapsedMilliseconds} ms: {await response.Content.ReadAsStringAsync()}");
        var batch = await _http.WaitForBatchAsync(accepted.BatchId, b => b.Status == BatchStatus.Cancelled, "the batch to be cancelled", BatchPatience);
        Assert.Equal(1000, batch.Counts.Completed + batch.Counts.Cancelled);
        Assert.Equal((0, 0, 0), (batch.Counts.Pending, batch.Counts.Processing, batch.Counts.Failed));
        var jobs = await _http.ReadAllResultsAsync(accepted.BatchId);
        // How far the fan-out and the jobs got before the cancellation reached them depends on the machine; a job the
        // cancellation stopped before it was created does not exist, and every job that exists is final.
        output.WriteLine($"{jobs.Count} of 1000 jobs were created before the cancellation; {batch.Counts.Completed} completed");
        Assert.All(jobs, job => Assert.True(job.IsFinal));
        Assert.Equal(batch.Counts.Completed, jobs.Count(job => job.Status == JobStatus.Completed));
    }

    [Fact]
    public async Task RepeatingABatchWithItsIdempotencyKey_ReturnsTheSameBatch_AndADifferentOneIs422()
    {
        var key = Guid.NewGuid().ToString();
        var texts = Texts(3);

        async Task<HttpResponseMessage> PostAsync(string[] body)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/batches") { Content = JsonContent.Create(new { texts = body }) };
            request.Headers.Add("Idempotency-Key", key);
            return await _http.SendAsync(request);
        }

        var first = await PostAsync(texts);
        var repeat = await PostAsync(texts);
        var different = await PostAsync(texts[..2]);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, repeat.StatusCode);
        var created = (await first.Content.ReadFromJsonAsync<SubmitBatchResponse>(JsonDefaults.Options))!;
        var repeated = (await repeat.Content.ReadFromJsonAsync<SubmitBatchResponse>(JsonDefaults.Options))!;
        Assert.Equal(created.BatchId, repeated.BatchId);
        Assert.Equal(created.JobIds, repeated.JobIds);
        Assert.StartsWith("idem-", created.BatchId);
        var problem = await AssertProblemAsync(different, HttpStatusCode.UnprocessableEntity);
        Assert.Equal(created.BatchId, problem.GetProperty("batchId").GetString());
        await _http.WaitForBatchAsync(created.BatchId, b => b.Status == BatchStatus.Completed, "the batch to complete", HttpAssertions.JobPatience);
    }

    [Fact]
    public async Task TheJobsOfABatch_CarryItsInstructionMetadataAndPriority()
    {
        var texts = Texts(2);
        var response = await _http.PostAsJsonAsync("/api/batches",
            new { texts, instruction = "Summarise.", metadata = new { customer = "acme" }, priority = "high" });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var accepted = (await response.Content.ReadFromJsonAsync<SubmitBatchResponse>(JsonDefaults.Options))!;

        await _http.WaitForBatchAsync(accepted.BatchId, b => b.Status == BatchStatus.Completed, "the batch to complete", HttpAssertions.JobPatience);
        var job = await _http.GetJobAsync(accepted.JobIds[1]);

        Assert.Equal("acme", job.GetProperty("metadata").GetProperty("customer").GetString());
        Assert.Equal("high", job.GetProperty("priority").GetString());
        Assert.Equal("completed", job.Status());
    }

    [Fact]
    public async Task AnUnknownBatch_Is404_AndABadIdIs400()
    {
        var unknown = Guid.NewGuid().ToString("N");

        await AssertProblemAsync(await _http.GetAsync($"/api/batches/{unknown}"), HttpStatusCode.NotFound);
        await AssertProblemAsync(await _http.GetAsync($"/api/batches/{unknown}/results"), HttpStatusCode.NotFound);
        await AssertProblemAsync(await _http.DeleteAsync($"/api/batches/{unknown}"), HttpStatusCode.NotFound);
        await AssertProblemAsync(await _http.GetAsync($"/api/batches/{new string('a', 49)}"), HttpStatusCode.BadRequest, "batchId");
    }

    [Theory]
    [InlineData("offset=-1", "offset")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=101", "limit")]
    public async Task Results_WithABadPage_Is400NamingTheParameter(string query, string field)
    {
        var accepted = await _http.SubmitBatchAsync(Texts(1));

        await AssertProblemAsync(await _http.GetAsync($"/api/batches/{accepted.BatchId}/results?{query}"), HttpStatusCode.BadRequest, field);
    }
}
