using System.Diagnostics;
using System.Globalization;

namespace OrleansNlp.Bench.Pipeline;

/// <summary>Counts finished jobs from the silos' Prometheus <c>/metrics</c> (<c>jobs_finished_total</c>, every status,
/// summed over the silos) at most 4 times a second: each scrape runs Orleans' observable gauges, some of which walk every
/// activation, so faster polling would cost the silos more than the jobs do. Finished means the counter moved by as
/// many jobs as were accepted since <see cref="StartAsync"/>; nothing else may submit jobs to the cluster meanwhile.</summary>
public sealed class MetricsCompletionWatcher(HttpClient http, IReadOnlyList<Uri> metricsUrls, double scrapesPerSecond) : ICompletionWatcher
{
    public const double MaxScrapesPerSecond = 4;
    private const string FinishedCounter = "jobs_finished_total";
    private const string SiloGauge = "llm_calls_active";

    private readonly TimeSpan _period = TimeSpan.FromSeconds(1 / Math.Min(scrapesPerSecond, MaxScrapesPerSecond));
    private long _accepted;
    private double _baseline;

    public string Mode => "metrics";

    public IReadOnlyDictionary<string, FinalJob> Finished { get; } = new Dictionary<string, FinalJob>();

    public long Scrapes { get; private set; }

    public void Accepted(string jobId) => Interlocked.Increment(ref _accepted);

    public async Task StartAsync(CancellationToken ct)
    {
        _baseline = await ScrapeAsync(ct) ?? throw new InvalidOperationException(
            $"No {FinishedCounter} at {string.Join(", ", metricsUrls)}: pass the silos' /metrics URLs (not the frontend's).");
        Interlocked.Exchange(ref _accepted, 0);
    }

    public async Task<bool> WaitAsync(Task<SubmitResult> submitting, TimeSpan timeout, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(_period);
        var clock = Stopwatch.StartNew();
        var lastReport = TimeSpan.Zero;
        TimeSpan? deadline = null;
        while (await timer.WaitForNextTickAsync(ct))
        {
            if (submitting.IsFaulted)
            {
                await submitting; // Surfaces the failure.
            }

            var finished = await ScrapeAsync(ct) - _baseline;
            var accepted = Interlocked.Read(ref _accepted);
            if (submitting.IsCompleted)
            {
                deadline ??= clock.Elapsed + timeout;
                if (finished >= accepted)
                {
                    return true;
                }

                if (clock.Elapsed > deadline)
                {
                    Console.Error.WriteLine($"  timed out: {finished} of {accepted} jobs finished");
                    return false;
                }
            }

            if (clock.Elapsed - lastReport >= TimeSpan.FromSeconds(5))
            {
                lastReport = clock.Elapsed;
                Console.Error.WriteLine(FormattableString.Invariant($"  {clock.Elapsed.TotalSeconds:0}s: {finished} of {accepted} accepted jobs finished"));
            }
        }

        return false;
    }

    /// <summary>The counter summed over every silo; null when no silo exposes it. A silo that cannot be scraped this time
    /// is retried at the next tick.</summary>
    private async Task<double?> ScrapeAsync(CancellationToken ct)
    {
        var values = await Task.WhenAll(metricsUrls.Select(async url =>
        {
            try
            {
                return Sum(await http.GetStringAsync(url, ct));
            }
            catch (HttpRequestException exception)
            {
                Console.Error.WriteLine($"  scrape of {url} failed: {exception.Message}");
                return null;
            }
        }));
        Scrapes++;
        return values.Any(value => value is not null) ? values.Sum(value => value ?? 0) : null;
    }

    /// <summary>Sums every series of the counter, e.g. <c>jobs_finished_total{status="completed",cached="false"} 42</c>;
    /// zero on a silo that has finished no job yet (the series appears with the first one), null when the exposition is
    /// not a silo's (no <c>llm_calls_active</c> gauge of the same meter either).</summary>
    public static double? Sum(string exposition)
    {
        double? sum = exposition.Contains(SiloGauge, StringComparison.Ordinal) ? 0 : null;
        foreach (var line in exposition.AsSpan().EnumerateLines())
        {
            if (!line.StartsWith(FinishedCounter) || line.Length == FinishedCounter.Length
                || line[FinishedCounter.Length] is not ('{' or ' '))
            {
                continue;
            }

            // The value follows the label set (labels may hold spaces inside quotes, so look after the closing brace).
            var rest = line[(line.LastIndexOf('}') is var brace and >= 0 ? brace + 1 : FinishedCounter.Length)..].Trim();
            var space = rest.IndexOf(' '); // An optional timestamp follows the value.
            sum = (sum ?? 0) + double.Parse(space < 0 ? rest : rest[..space], CultureInfo.InvariantCulture);
        }

        return sum;
    }
}
