using System.Text.RegularExpressions;
using OrleansNlp.Tests.Infrastructure;

namespace OrleansNlp.Tests;

/// <summary>/metrics in Prometheus text format from the embedded frontend: job counts by status, embedding batch
/// sizes, the LLM capacity gauges, and Orleans' own instruments.</summary>
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

    private static double CompletedJobs(string metrics) =>
        Regex.Match(metrics, @"(?m)^jobs_finished_total\{[^}]*status=""completed""[^}]*\} (\S+)") is { Success: true } match
            ? double.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)
            : 0;
}
