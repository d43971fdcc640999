using System.Text.RegularExpressions;
using OrleansNlp.Tests.Infrastructure;

namespace OrleansNlp.Tests;

/// <summary>/metrics in Prometheus text format from the embedded frontend: job counts by status, embedding batch
/// sizes, the LLM capacity gauges, and Orleans' own instruments.</summary>
[Trait(TestCategory.Trait, TestCategory.Api)]
[Collection(EmbeddedWebCollection.Name)]
public sealed class MetricsTests(EmbeddedWebFactory factory)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly HttpClient _http = factory.CreateClient();

    [Fact]
    public async Task AfterAJobCompletes_MetricsCountItAndShowTheEmbeddingBatches()
    {
        var before = CompletedJobs(await _http.GetStringAsync("/metrics"));
        var job = await _http.FinalJobAsync(await _http.SubmitJobAsync($"Otters hold hands while they sleep. {Guid.NewGuid():N}"));
        Assert.Equal("completed", job.GetProperty("status").GetString());

        // The exporter caches a scrape for a moment: wait for one taken after the job finished.
        var metrics = await Wait.UntilAsync(
            () => _http.GetStringAsync("/metrics"),
            text => CompletedJobs(text) > before,
            Timeout,
            "the completed job to be counted");

        Assert.Matches(@"(?m)^jobs_submitted_total(\{[^}]*\})? [1-9]", metrics);
        Assert.Matches(@"(?m)^jobs_duration_seconds_count\{[^}]*cached=""false""[^}]*status=""completed""[^}]*\} [1-9]", metrics);
        Assert.Matches(@"(?m)^embedding_batch_size_count(\{[^}]*\})? [1-9]", metrics);
        // Listeners are process-wide, so other tests' silos report here too: only presence is this test's to check.
        Assert.Matches(@"(?m)^llm_calls_active(\{[^}]*\})? \d+", metrics);
        Assert.Contains("orleans_catalog_activations", metrics);
    }

    [Fact]
    public async Task CachedResults_AndOperatorRetries_AreCountedApart()
    {
        var before = await _http.GetStringAsync("/metrics");
        var text = $"Sloths move so slowly that algae grows on their fur. {Guid.NewGuid():N}";
        await _http.FinalJobAsync(await _http.SubmitJobAsync(text));
        var cached = await _http.FinalJobAsync(await _http.SubmitJobAsync(text));
        Assert.True(cached.GetProperty("result").GetProperty("cached").GetBoolean());
        var failedId = await _http.SubmitJobAsync($"[llm:fatal-once] {Guid.NewGuid():N} Fails once, then is retried.");
        Assert.Equal("failed", (await _http.FinalJobAsync(failedId)).GetProperty("status").GetString());
        Assert.Equal(System.Net.HttpStatusCode.Accepted, (await _http.PostAsync($"/api/jobs/{failedId}/retry", null)).StatusCode);
        Assert.Equal("completed", (await _http.FinalJobAsync(failedId)).GetProperty("status").GetString());

        // Counters only grow, so deltas are this test's own even with other tests' silos in the process.
        await Wait.UntilAsync(
            () => _http.GetStringAsync("/metrics"),
            after => Value(after, "jobs_finished_total", "completed", "true") > Value(before, "jobs_finished_total", "completed", "true")
                && Value(after, "jobs_finished_total", "failed", "false") > Value(before, "jobs_finished_total", "failed", "false")
                && Value(after, "jobs_retried_total") > Value(before, "jobs_retried_total"),
            Timeout,
            "the cached completion, the failure and the retry to be counted");
    }

    private static double CompletedJobs(string metrics) => Value(metrics, "jobs_finished_total", "completed", "false");

    /// <summary>A series' value; labels, when given, are matched as Prometheus writes them (sorted: cached, status).</summary>
    private static double Value(string metrics, string name, string? status = null, string? cached = null)
    {
        var labels = status is null ? @"(?:\{[^}]*\})?" : $@"\{{[^}}]*cached=""{cached}""[^}}]*status=""{status}""[^}}]*\}}";
        return Regex.Match(metrics, $@"(?m)^{name}{labels} (\S+)") is { Success: true } match
            ? double.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)
            : 0;
    }
}
