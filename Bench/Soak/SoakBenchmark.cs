using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using OrleansNlp.Bench.Pipeline;

namespace OrleansNlp.Bench.Soak;

/// <summary>
/// The "soak" verb: does the cluster stay up? Offers a fixed rate of submissions through REST for <c>--minutes</c>
/// (open loop), with bad requests and cancellations mixed in, follows every accepted job to its final snapshot, and
/// samples the memory of every process and of Redis. Checks: no server error, no lost job, no cancellation the harness
/// did not ask for, every process's RSS flat after the warm-up, Redis bounded by the jobs' retention. Exit code 1 when a
/// check fails; the last line of output is one JSON object with every figure.
/// </summary>
public static class SoakBenchmark
{
    private const int Slices = 10;

    /// <summary>The name <see cref="ClusterDirectory"/> gives redis-server.</summary>
    private const string RedisProcess = "redis";

    public static async Task<int> RunAsync(string[] args)
    {
        var parsed = new BenchArgs(args);
        var options = SoakOptions.Parse(parsed);
        parsed.RejectUnknown();
        using var cancel = ConsoleCancellation.Create();
        var report = await MeasureAsync(options, cancel.Token);
        Print(report);
        Console.WriteLine(JsonSerializer.Serialize(report, PipelineBenchmark.ReportJson));
        return report.Passed ? 0 : 1;
    }

    public static async Task<SoakReport> MeasureAsync(SoakOptions options, CancellationToken ct)
    {
        using var http = BenchHttp.Create(options.Concurrency);
        var runId = Guid.NewGuid().ToString("N")[..8];
        var ledger = new JobLedger(http, options.Url, options.ApiKey, TimeSpan.FromSeconds(options.ReadAfterSeconds));
        var traffic = new SoakTraffic(http, options.Url, options.ApiKey, ledger, runId);
        await using var sampler = await MemorySampler.StartAsync(options.Processes, options.Redis, options.ServiceId);
        var counterBefore = await FinishedCounterAsync(http, options.Metrics, ct);
        var loadBefore = PipelineBenchmark.LoadAverage();
        var count = (long)Math.Ceiling(options.Rate * options.LoadSeconds);
        Console.Error.WriteLine(FormattableString.Invariant(
            $"soak {runId}: {count} submissions to {options.Url} at {options.Rate}/s for {options.Minutes} min ({options.BadFraction:P0} bad, {options.CancelFraction:P0} cancelled), warm-up {options.WarmupSeconds:0} s, memory sampled every {options.SampleSeconds:0.#} s, load average {loadBefore}"));

        using var background = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var startedAt = DateTime.UtcNow;
        var loadStart = sampler.Now;
        var sampling = sampler.RunAsync(TimeSpan.FromSeconds(options.SampleSeconds), background.Token);
        var reading = ledger.RunAsync(background.Token);
        var progress = ReportProgressAsync(ledger, traffic, sampler, loadStart, background.Token);
        foreach (var process in options.Processes)
        {
            process.Start();
        }

        var harnessCpu = Process.GetCurrentProcess().TotalProcessorTime;
        var load = await traffic.RunAsync(count, options.Rate, options.Concurrency, options.BadFraction, options.CancelFraction, ct);
        var loadSeconds = sampler.Now - loadStart;
        var cpu = options.Processes.Select(process => (process.Name, Ms: process.Elapsed())).ToArray();
        var harnessMs = (Process.GetCurrentProcess().TotalProcessorTime - harnessCpu).TotalMilliseconds;

        Console.Error.WriteLine($"load ended after {loadSeconds:0} s; waiting up to {options.GraceSeconds:0} s for {ledger.OpenCount} unfinished jobs");
        var allFinal = await ledger.WaitAllFinalAsync(TimeSpan.FromSeconds(options.GraceSeconds), ct);
        var toAllFinal = allFinal ? sampler.Now - loadStart - loadSeconds : (double?)null;
        await background.CancelAsync();
        await Task.WhenAll(sampling, reading, progress);
        var counterAfter = await FinishedCounterAsync(http, options.Metrics, ct);

        var samples = sampler.Samples.Select(sample => sample with { At = sample.At - loadStart }).ToArray();
        var rss = options.Processes.ToDictionary(
            process => process.Name,
            process => SoakChecks.Summarize(samples.Select(sample => (sample.At, sample.RssMb.GetValueOrDefault(process.Name))),
                options.Baseline, options.End, loadSeconds, Slices));
        var redis = RedisReport(options, samples, ledger, loadSeconds);

        var errors = new Dictionary<string, int>(traffic.Errors, StringComparer.Ordinal);
        foreach (var (kind, n) in ledger.Errors)
        {
            errors[kind] = n;
        }

        var open = ledger.Open.ToArray();
        var lostLastSeen = open.GroupBy(pair => pair.Value).ToDictionary(group => group.Key, group => group.Count());
        var lost = ledger.Missing.Count + open.Length;
        if (ledger.Missing.Count > 0)
        {
            lostLastSeen["404"] = ledger.Missing.Count;
        }

        var counterDelta = counterBefore is { } before && counterAfter is { } after ? after - before : (double?)null;
        var jobs = new JobFigures(
            ledger.Accepted,
            new SortedDictionary<string, int>(ledger.Finals.ToDictionary(), StringComparer.Ordinal),
            lost,
            ledger.Missing.Concat(open.Select(pair => pair.Key)).Take(20).ToArray(),
            lostLastSeen,
            ledger.ExpiredUnseen.Count,
            ledger.CancelRequested,
            ledger.CancelAnswered,
            ledger.CancelledByNoOne.Count,
            ledger.CancelNotKept.Count(),
            ledger.Reads,
            ledger.RetentionSeconds,
            counterDelta,
            toAllFinal is { } seconds ? Math.Round(seconds, 1) : null);

        var serverErrors = errors.Where(pair => IsServerError(pair.Key)).Sum(pair => (long)pair.Value);
        var badSent = load.BadRequests.Values.Sum(tally => tally.Sent);
        var badRight = load.BadRequests.Values.Sum(tally => tally.AnsweredRight);
        var checks = new List<Check>
        {
            new("no server errors", serverErrors == 0, serverErrors == 0 ? "no 5xx, no transport failure, every bad request answered 4xx"
                : $"{serverErrors}: " + string.Join(", ", errors.Where(pair => IsServerError(pair.Key)).Select(pair => $"{pair.Key} ×{pair.Value}"))),
            new("bad requests answered 4xx with a problem naming the field", badRight == badSent, $"{badRight} of {badSent}"),
            new("every answer as documented", errors.Count == 0, errors.Count == 0 ? "none other"
                : string.Join(", ", errors.Select(pair => $"{pair.Key} ×{pair.Value}"))),
            LostJobs(jobs),
            new("cancelled only by the harness", jobs.CancelledByNoOne == 0 && jobs.CancelNotKept == 0,
                $"{jobs.CancelRequested} DELETEs, {jobs.CancelConfirmed} answered cancelled, {load.CancelsAfterJobEnded} found the job already ended; " +
                $"{jobs.CancelledByNoOne} cancelled without a DELETE, {jobs.CancelNotKept} answered cancelled but ended otherwise"),
        };
        if (counterDelta is { } delta)
        {
            checks.Add(new Check("silos' jobs_finished_total agrees", delta == jobs.Accepted,
                Invariant($"moved by {delta} for {jobs.Accepted} accepted jobs")));
        }

        checks.AddRange(rss.Select(pair => MemoryCheck(pair.Key, pair.Value, options, redis?.Verdict.ExpiryFromSeconds)));
        if (redis is not null)
        {
            checks.Add(redis.Verdict.Check);
        }

        var cpuTotal = cpu.Length > 0 && cpu.All(entry => entry.Ms is not null) ? cpu.Sum(entry => entry.Ms!.Value) : (double?)null;
        var perJob = Math.Max(1, jobs.Accepted);
        return new SoakReport
        {
            StartedAt = startedAt,
            Url = options.Url.ToString(),
            Minutes = options.Minutes,
            Rate = options.Rate,
            BadFraction = options.BadFraction,
            CancelFraction = options.CancelFraction,
            WarmupSeconds = options.WarmupSeconds,
            Cores = Environment.ProcessorCount,
            LoadAverageBefore = loadBefore,
            LoadAverageAfter = PipelineBenchmark.LoadAverage(),
            Passed = checks.All(check => check.Passed != false),
            Checks = checks,
            Load = load,
            Errors = new SortedDictionary<string, int>(errors, StringComparer.Ordinal),
            ServerErrors = serverErrors,
            Jobs = jobs,
            SampleSeconds = options.SampleSeconds,
            BaselineWindow = options.Baseline,
            EndWindow = options.End,
            RssMb = rss,
            Redis = redis,
            CpuMsPerJob = cpu.ToDictionary(entry => entry.Name, entry => entry.Ms is { } ms ? Math.Round(ms / perJob, 3) : (double?)null),
            HarnessCpuMsPerJob = Math.Round(harnessMs / perJob, 3),
            HarnessShareOfCluster = cpuTotal is > 0 ? Math.Round(harnessMs / cpuTotal.Value, 3) : null,
        };
    }

    /// <summary>Every process's RSS must be flat after the warm-up; Redis's only once it is in its steady state, when
    /// jobs expire as fast as they come (from retention + watchdog period on): before that it rightly grows.</summary>
    private static Check MemoryCheck(string name, SeriesSummary rss, SoakOptions options, double? expiryFrom) =>
        name == RedisProcess && !(expiryFrom <= options.Baseline.From)
            ? new Check($"memory flat: {name}", null, Invariant(
                $"Redis keeps every job until retention + watchdog period have passed ({expiryFrom?.ToString("0", CultureInfo.InvariantCulture) ?? "unknown"} s), after the baseline window's start ({options.Baseline.From:0} s): raise --warmup-seconds or shorten Jobs__Retention"))
            : SoakChecks.MemoryFlat(name, rss, options.MemoryTolerancePercent);

    /// <summary>Every accepted job was seen final, none answered 404 within the retention of its acceptance, none stayed
    /// unfinished past the grace period. Jobs that answered 404 only after the retention had passed since their acceptance
    /// (the reads fell behind) are not seen; they pass only when the silos' jobs_finished_total moved by exactly the
    /// number of accepted jobs.</summary>
    private static Check LostJobs(JobFigures jobs)
    {
        var seen = jobs.Accepted - jobs.Lost - jobs.ExpiredUnseen;
        var detail = Invariant($"{jobs.Accepted} accepted, {seen} seen final ({Join(jobs.Final)}), {jobs.Lost} lost")
            + (jobs.Lost > 0 ? $" (last seen: {Join(jobs.LostLastSeen)}; e.g. {string.Join(' ', jobs.LostSample.Take(5))})" : "");
        if (jobs.ExpiredUnseen == 0)
        {
            return new Check("no lost jobs", jobs.Lost == 0 && jobs.Accepted > 0, detail);
        }

        var counted = jobs.FinishedCounterDelta == jobs.Accepted;
        return new Check("no lost jobs", jobs.Lost == 0 && counted, detail + Invariant(
            $"; {jobs.ExpiredUnseen} answered 404 after the retention had passed (read too late: the harness fell behind), so the silos' jobs_finished_total must account for them: it moved by {jobs.FinishedCounterDelta?.ToString(CultureInfo.InvariantCulture) ?? "unknown"}"));
    }

    /// <summary>A 5xx, a transport failure or timeout, or a bad request answered with anything but 4xx.</summary>
    private static bool IsServerError(string error)
    {
        var answer = error[(error.LastIndexOf(' ') + 1)..];
        return answer.StartsWith('5') || answer.StartsWith("error:", StringComparison.Ordinal) || answer == "timeout"
            || (error.Contains(':') && !error.Contains(": 4", StringComparison.Ordinal));
    }

    private static RedisFiguresReport? RedisReport(SoakOptions options, MemorySample[] samples, JobLedger ledger, double loadSeconds)
    {
        var redis = samples.Where(sample => sample.Redis is not null).Select(sample => (sample.At, Figures: sample.Redis!)).ToArray();
        if (options.Redis is null)
        {
            return null;
        }

        var used = SoakChecks.Summarize(redis.Select(sample => (sample.At, (double?)sample.Figures.UsedMemoryMb)), options.Baseline, options.End, loadSeconds, Slices);
        var jobs = SoakChecks.Summarize(redis.Select(sample => (sample.At, (double?)sample.Figures.Jobs)), options.Baseline, options.End, loadSeconds, Slices);
        var inLoad = redis.Where(sample => sample.At <= loadSeconds).ToArray();
        var verdict = SoakChecks.RedisBounded(inLoad, ledger.RetentionSeconds, options.WatchdogSeconds, options.SampleSeconds, loadSeconds,
            ledger.Accepted / loadSeconds, options.MemoryTolerancePercent);
        var last = inLoad.LastOrDefault().Figures;
        return new RedisFiguresReport(used, jobs.Slices, last?.Keys, last?.Jobs, options.WatchdogSeconds, verdict);
    }

    /// <summary>jobs_finished_total summed over the silos, or null without /metrics or when a silo does not answer.</summary>
    private static async Task<double?> FinishedCounterAsync(HttpClient http, IReadOnlyList<Uri> metrics, CancellationToken ct)
    {
        if (metrics.Count == 0)
        {
            return null;
        }

        try
        {
            var values = await Task.WhenAll(metrics.Select(async url => MetricsCompletionWatcher.Sum(await http.GetStringAsync(url, ct))));
            return values.All(value => value is not null) ? values.Sum() : null;
        }
        catch (HttpRequestException exception)
        {
            Console.Error.WriteLine($"  scrape failed: {exception.Message}");
            return null;
        }
    }

    private static async Task ReportProgressAsync(JobLedger ledger, SoakTraffic traffic, MemorySampler sampler, double loadStart, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(10));
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                var last = sampler.Samples.LastOrDefault();
                var memory = last is null ? "" : string.Join(", ", last.RssMb.Select(pair => Invariant($"{pair.Key} {pair.Value:0}")))
                    + (last.Redis is { } redis ? Invariant($"; Redis used {redis.UsedMemoryMb:0.0} MB, {redis.Jobs} jobs, {redis.Keys} keys") : "");
                Console.Error.WriteLine(Invariant(
                    $"  {sampler.Now - loadStart:0}s: {ledger.Accepted} accepted, {ledger.OpenCount} open, {traffic.Errors.Values.Sum() + ledger.Errors.Values.Sum()} errors; RSS MB {memory}"));
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    public static void Print(SoakReport report)
    {
        var lines = new List<(string, string)>
        {
            ("load", Invariant($"{report.Load.Submissions} submissions at {report.Rate}/s offered ({report.Load.SubmittedPerSecond}/s achieved, worst start {report.Load.OpenLoopMaxLateMs} ms late) for {report.Minutes} min")),
            ("bad requests", string.Join(", ", report.Load.BadRequests.Select(pair => $"{pair.Key} {pair.Value.AnsweredRight}/{pair.Value.Sent}")) + " answered 4xx"),
            ("jobs", Invariant($"{report.Jobs.Accepted} accepted, final: {Join(report.Jobs.Final)}; {report.Jobs.Lost} lost; all final {report.Jobs.SecondsToAllFinal?.ToString("0.0", CultureInfo.InvariantCulture) ?? "never"} s after the load")),
            ("submit ms", Invariant($"POST p50 {report.Load.SubmitMs.P50}, p99 {report.Load.SubmitMs.P99}, max {report.Load.SubmitMs.Max}")),
            ("errors", report.Errors.Count == 0 ? "none" : Join(report.Errors)),
        };
        foreach (var (name, rss) in report.RssMb)
        {
            lines.Add(($"RSS {name}", Series(rss)));
        }

        if (report.Redis is { } redis)
        {
            lines.Add(("Redis used", Series(redis.UsedMemoryMb) + Invariant($"; {redis.KeysAtEnd} keys, {redis.JobsAtEnd} jobs at the end")));
            lines.Add(("Redis jobs", string.Join(" ", redis.JobsStoredSlices.Select(value => Invariant($"{value:0}")))));
        }

        lines.Add(("CPU ms/job", string.Join(", ", report.CpuMsPerJob.Select(pair => Invariant($"{pair.Key} {pair.Value:0.000}")))
            + Invariant($"; harness {report.HarnessCpuMsPerJob:0.000} ({report.HarnessShareOfCluster:P0} of the cluster's)")));
        lines.Add(("load average", $"{report.LoadAverageBefore} before, {report.LoadAverageAfter} after"));
        foreach (var check in report.Checks)
        {
            lines.Add((check.Passed switch { true => "PASS", false => "FAIL", null => "not judged" }, $"{check.Name}: {check.Detail}"));
        }

        foreach (var (name, value) in lines)
        {
            Console.WriteLine($"{name,-13} {value}");
        }
    }

    private static string Series(SeriesSummary summary) => Invariant(
        $"{summary.BaselineMb} MB after warm-up → {summary.EndMb} at the end ({summary.GrowthPercent:+0.0;-0.0} %), min {summary.MinMb}, max {summary.MaxMb}; by tenths: ")
        + string.Join(" ", summary.Slices.Select(value => Invariant($"{value:0.#}")));

    private static string Join<T>(IReadOnlyDictionary<string, T> counts) => string.Join(", ", counts.Select(pair => $"{pair.Key} {pair.Value}"));

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);
}
