using OrleansNlp.Cli;
using OrleansNlp.Client;
using OrleansNlp.Contracts;
using OrleansNlp.Tests.Infrastructure;

namespace OrleansNlp.Tests;

/// <summary>The orleans-nlp command line run in-process against the embedded frontend (REST and the hub through the
/// test server).</summary>
[Trait(TestCategory.Trait, TestCategory.EndToEnd)]
[Collection(EmbeddedWebCollection.Name)]
public sealed class CliTests(EmbeddedWebFactory factory)
{
    [Fact]
    public async Task SubmitWait_ShowsProgressThenTheResultWithTopWordsAndTheFinalStatus()
    {
        var text = "Solar panels turn sunlight into power. Solar farms grow fast. Panels need sunlight. [embed:slow:200]";

        var (exitCode, output, error) = await RunAsync("submit", text, "--wait", "--priority", "high");

        Assert.True(exitCode == ExitCodes.Ok, $"exit code {exitCode}; stderr: {error}");
        Assert.Empty(error);
        Assert.Contains("[##################] 100% completed/done  Completed", output);
        Assert.Contains("Status:    completed/done 100%", output);
        Assert.Contains("Priority:  high", output);
        Assert.Contains("Extractive summary", output);
        Assert.DoesNotContain("LLM", output);
        Assert.Contains("Top words:       panels (2), solar (2), sunlight (2)", output);
        Assert.Contains("Word count:", output);
        Assert.Contains("Embedding model:", output);
        // The bar comes before the result.
        Assert.True(output.IndexOf("] 100% completed/done", StringComparison.Ordinal) < output.IndexOf("Extractive summary", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SubmitWait_WithoutAReachableHub_FallsBackToPolling()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var host = new CliHost(output, error, _ => null,
            options => new OrleansNlpClient(factory.CreateClient(), options with { BaseAddress = null }, () => new NoHubHandler()));

        var exitCode = await new CliApp(host).RunAsync(["submit", "Rivers carve valleys. Valleys hold rivers.", "--wait"]);

        Assert.Equal(ExitCodes.Ok, exitCode);
        Assert.Contains("polling instead", error.ToString());
        Assert.Contains("] 100% completed/done", output.ToString());
        Assert.Contains("Top words:       rivers (2), valleys (2)", output.ToString());
    }

    [Fact]
    public async Task SubmitWait_FailedJob_PrintsTheErrorAndExitsNonZero()
    {
        var (exitCode, output, _) = await RunAsync("submit", "This cannot be embedded [embed:fatal]", "--wait");

        Assert.Equal(ExitCodes.JobFailed, exitCode);
        Assert.Contains("Status:    failed/embedding", output);
        Assert.Contains("Error:     Embedding stage failed", output);
    }

    [Fact]
    public async Task SubmitWithoutWait_PrintsThePendingJob_AndGetThenShowsIt()
    {
        var (submitCode, submitted, _) = await RunAsync("submit", "Wind turbines spin.", "--json");
        var jobId = System.Text.Json.JsonDocument.Parse(submitted).RootElement.GetProperty("jobId").GetString()!;
        await Wait.UntilAsync(() => factory.CreateNlpClient().GetAsync(jobId), job => job!.IsFinal, TimeSpan.FromSeconds(30), "the job to end");

        var (getCode, shown, _) = await RunAsync("get", jobId);

        Assert.Equal(ExitCodes.Ok, submitCode);
        Assert.Contains("\"status\": \"pending\"", submitted);
        Assert.Equal(ExitCodes.Ok, getCode);
        Assert.Contains($"Job {jobId}", shown);
        Assert.Contains("Top words:       spin (1), turbines (1), wind (1)", shown);
    }

    [Fact]
    public async Task Cancel_RunningJob_PrintsItCancelled_AndWatchThenExitsNonZero()
    {
        var job = await factory.CreateNlpClient().SubmitAsync("A stage that never ends [embed:hang]");

        var (cancelCode, cancelled, _) = await RunAsync("cancel", job.JobId);
        var (watchCode, watched, _) = await RunAsync("watch", job.JobId);

        Assert.Equal(ExitCodes.Ok, cancelCode);
        Assert.Contains("Status:    cancelled", cancelled);
        Assert.Equal(ExitCodes.JobFailed, watchCode);
        Assert.Contains("% cancelled/", watched);
    }

    [Theory]
    [InlineData("get")]
    [InlineData("cancel")]
    [InlineData("watch")]
    public async Task UnknownJob_ExitsWithNotFound(string command)
    {
        var (exitCode, _, error) = await RunAsync(command, Guid.NewGuid().ToString("N"));

        Assert.Equal(ExitCodes.NotFound, exitCode);
        Assert.Contains("no job has the id", error, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task JobsListFailed_ShowsAFailedJobWithItsError_AsTextAndAsJson()
    {
        var client = factory.CreateNlpClient();
        var failed = await client.SubmitAndWaitAsync($"The language model refuses this [llm:fatal] {Guid.NewGuid():N}",
            TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(30));
        Assert.Equal(JobStatus.Failed, failed.Status);
        // The status index may lag the job by a moment.
        await Wait.UntilAsync(() => client.ListAsync(JobStatus.Failed, limit: 100),
            page => page.Items.Any(job => job.JobId == failed.JobId), TimeSpan.FromSeconds(30), "the failed job to be listed");

        var (exitCode, output, error) = await RunAsync("jobs", "list", "--status", "failed", "--limit", "100");
        var (jsonCode, json, _) = await RunAsync("jobs", "list", "--status", "failed", "--limit", "100", "--json");

        Assert.True(exitCode == ExitCodes.Ok, $"exit code {exitCode}; stderr: {error}");
        var line = Assert.Single(output.Split('\n'), line => line.StartsWith(failed.JobId, StringComparison.Ordinal));
        Assert.Contains("failed/llm", line);
        Assert.Contains(failed.Error!, line);
        Assert.Equal(ExitCodes.Ok, jsonCode);
        var items = System.Text.Json.JsonDocument.Parse(json).RootElement.GetProperty("items").EnumerateArray().ToList();
        Assert.Contains(items, item => item.GetProperty("jobId").GetString() == failed.JobId);
        Assert.All(items, item => Assert.Equal("failed", item.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task JobsList_WithLimit_PrintsHowToGetTheNextPage_AndItsCursorWorks()
    {
        var client = factory.CreateNlpClient();
        foreach (var _ in Enumerable.Range(0, 2))
        {
            await client.SubmitAndWaitAsync($"Fails in the LLM stage [llm:fatal] {Guid.NewGuid():N}", TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(30));
        }

        await Wait.UntilAsync(() => client.ListAsync(JobStatus.Failed, limit: 2), page => page.Items.Count == 2, TimeSpan.FromSeconds(30), "two failed jobs to be listed");

        var (firstCode, first, _) = await RunAsync("jobs", "list", "--status", "failed", "--limit", "1");
        var more = Assert.Single(first.Split('\n'), line => line.StartsWith("More: ", StringComparison.Ordinal));
        var cursor = more[(more.IndexOf("--cursor ", StringComparison.Ordinal) + "--cursor ".Length)..].Trim();
        var (secondCode, second, _) = await RunAsync("jobs", "list", "--status", "failed", "--limit", "1", "--cursor", cursor);

        Assert.Equal(ExitCodes.Ok, firstCode);
        Assert.Equal(ExitCodes.Ok, secondCode);
        Assert.Contains("More: orleans-nlp jobs list --status failed --limit 1 --cursor ", first);
        Assert.NotEqual(first.Split(' ')[0], second.Split(' ')[0]);
        Assert.Contains("  failed/", second);
    }

    [Fact]
    public async Task JobsRetry_FailedJob_PrintsItPendingAgain_AndACompletedJobIsRefusedWithTheReason()
    {
        var client = factory.CreateNlpClient();
        var failed = await client.SubmitAndWaitAsync($"Fails once in the LLM stage [llm:fatal-once] {Guid.NewGuid():N}",
            TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(30));
        var completed = await client.SubmitAndWaitAsync("Wind turbines spin.", TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(30));
        Assert.Equal(JobStatus.Failed, failed.Status);

        var (exitCode, output, error) = await RunAsync("jobs", "retry", failed.JobId);
        var (refusedCode, _, refused) = await RunAsync("jobs", "retry", completed.JobId);

        Assert.True(exitCode == ExitCodes.Ok, $"exit code {exitCode}; stderr: {error}");
        Assert.Contains($"Job {failed.JobId}", output);
        Assert.Contains("Status:    pending", output);
        Assert.Contains($"Retry accepted. Follow it with: orleans-nlp watch {failed.JobId}", output);
        Assert.Equal(JobStatus.Completed, (await client.WaitAsync(failed.JobId, TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(30))).Status);
        Assert.Equal(ExitCodes.ServerError, refusedCode);
        Assert.Contains($"error: job {completed.JobId} was not retried: Only failed jobs can be retried; this one is completed.", refused);
    }

    [Fact]
    public async Task JobsRetry_UnknownJob_ExitsWithNotFound()
    {
        var jobId = Guid.NewGuid().ToString("N");

        var (exitCode, output, error) = await RunAsync("jobs", "retry", jobId);

        Assert.Equal(ExitCodes.NotFound, exitCode);
        Assert.Empty(output);
        Assert.Contains($"error: no job has the id '{jobId}'.", error);
    }

    [Fact]
    public async Task JobsList_WithoutAStatus_ExitsWithUsage()
    {
        var (exitCode, _, error) = await RunAsync("jobs", "list");

        Assert.Equal(ExitCodes.Usage, exitCode);
        Assert.Contains("--status", error);
    }

    [Theory]
    [InlineData("--priority", "submit", "text", "--priority", "urgent")]
    [InlineData("--priority", "submit", "text", "--priority", "high,low")]
    [InlineData("--priority", "submit", "text", "--priority", "1")]
    [InlineData("--status", "jobs", "list", "--status", "failed,cancelled")]
    [InlineData("--timeout", "submit", "text", "--wait", "--timeout", "99999999")]
    public async Task BadUsage_ExitsWithUsage(string named, params string[] args)
    {
        var (exitCode, _, error) = await RunAsync(args);

        Assert.Equal(ExitCodes.Usage, exitCode);
        Assert.Contains(named, error);
    }

    [Fact]
    public async Task Stats_PrintsTheClusterAsTables_AndAsJson()
    {
        var client = factory.CreateNlpClient();
        var job = await client.SubmitAsync($"{Guid.NewGuid():N} Penguins huddle together for warmth.");
        await Wait.UntilAsync(() => client.GetAsync(job.JobId), current => current!.IsFinal, TimeSpan.FromSeconds(30), "the job to end");

        var (exitCode, output, error) = await RunAsync("stats");
        var (jsonCode, json, _) = await RunAsync("stats", "--json");

        Assert.True(exitCode == ExitCodes.Ok, $"exit code {exitCode}; stderr: {error}");
        Assert.Contains("Cluster at ", output);
        Assert.Matches(@"(?m)^PENDING\s+PROCESSING\s+COMPLETED\s+FAILED\s+CANCELLED$", output);
        Assert.Matches(@"(?m)^\d+\s+\d+\s+[1-9]\d*\s+\d+\s+\d+$", output);
        Assert.Contains("Throughput: ", output);
        Assert.Contains("Waiting:    ", output);
        Assert.Matches(@"(?m)^SILO\s+NAME\s+STATUS\s+QUEUED\s+EMBEDDING\s+LLM\s+LLM SLOTS", output);
        Assert.Matches(@"(?m)^\S+\s+\S+\s+active\s+\d+\s+\d+\s+\d+\s+\d+/\d+", output);
        Assert.Equal(ExitCodes.Ok, jsonCode);
        var stats = System.Text.Json.JsonSerializer.Deserialize<StatsResponse>(json, JsonDefaults.Options)!;
        Assert.Equal(StatsScope.Cluster, stats.Scope);
        Assert.True(stats.Jobs.Completed >= 1);
        Assert.Single(stats.Silos!);
    }

    [Fact]
    public async Task Batch_FromAFile_ShowsTheBarThenTheSummaryTable_AndExitsNonZeroWhenAJobFailed()
    {
        var run = Guid.NewGuid().ToString("N");
        var file = Path.Combine(Path.GetTempPath(), $"batch-{run}.txt");
        // A blank line is no text; the third text fails for good in the LLM stage.
        await File.WriteAllTextAsync(file,
            $"[embed:slow:300] Solar panels turn sunlight into power {run}.\n\nWind farms grow fast {run}.\r\n[llm:fatal] Refused {run}.\n");
        try
        {
            var (exitCode, output, error) = await RunAsync("batch", file);

            Assert.True(exitCode == ExitCodes.JobFailed, $"exit code {exitCode}; stderr: {error}");
            Assert.Empty(error);
            var accepted = Assert.Single(output.Split('\n'), line => line.StartsWith("Batch ", StringComparison.Ordinal) && line.Contains("accepted"));
            var batchId = accepted.Split(' ')[1];
            Assert.EndsWith("accepted: 3 texts", accepted.TrimEnd());
            Assert.Contains("[##################] 100% completed  3/3 done: 2 completed, 1 failed", output);
            Assert.Contains($"Batch {batchId}  completed  3 texts in ", output);
            Assert.Contains("  Status         Jobs", output);
            Assert.Contains("  completed         2", output);
            Assert.Contains("  failed            1", output);
            Assert.Contains("  Language       Jobs", output);
            Assert.Contains("  Sentiment      Jobs", output);
            Assert.Contains($"Failed jobs:\n  {batchId}-2  ", output.Replace("\r\n", "\n"));
            // The bar comes before the table.
            Assert.True(output.IndexOf("] 100% completed", StringComparison.Ordinal) < output.IndexOf("  Status ", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Batch_FromStandardInput_WithJson_PrintsTheFinalBatch_AndExitsZero()
    {
        var run = Guid.NewGuid().ToString("N");
        var input = new StringReader($"Rivers carve valleys {run}.\nValleys hold rivers {run}.\n");

        var (exitCode, output, error) = await RunAsync(input, "batch", "-", "--json", "--priority", "low");

        Assert.True(exitCode == ExitCodes.Ok, $"exit code {exitCode}; stderr: {error}");
        var batch = System.Text.Json.JsonDocument.Parse(output).RootElement;
        Assert.Equal("completed", batch.GetProperty("status").GetString());
        Assert.Equal(2, batch.GetProperty("total").GetInt32());
        Assert.Equal(2, batch.GetProperty("counts").GetProperty("completed").GetInt32());
        var jobs = await factory.CreateNlpClient().GetAllBatchResultsAsync(batch.GetProperty("batchId").GetString()!).ToListAsync();
        Assert.All(jobs, job => Assert.Equal(JobPriority.Low, job.Priority));
    }

    [Fact]
    public async Task Batch_WithNoTexts_ExitsWithUsage()
    {
        var (exitCode, output, error) = await RunAsync(new StringReader("\n   \n"), "batch", "-");
        var (missingCode, _, missing) = await RunAsync("batch", Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}.txt"));

        Assert.Equal(ExitCodes.Usage, exitCode);
        Assert.Empty(output);
        Assert.Contains("standard input holds no text", error);
        Assert.Equal(ExitCodes.Usage, missingCode);
        Assert.Contains("cannot read", missing);
    }

    private Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args) => RunAsync(null, args);

    private async Task<(int ExitCode, string Output, string Error)> RunAsync(TextReader? input, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var host = new CliHost(output, error, _ => null, options => factory.CreateNlpClient(options.ApiKey), Input: input);
        var exitCode = await new CliApp(host).RunAsync(args);
        return (exitCode, output.ToString(), error.ToString());
    }
}
