using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using OrleansNlp.Models;

namespace OrleansNlp.Bench.Pipeline;

/// <summary>
/// The "pipeline" verb: the product measured from outside, as a user meets it. Submits jobs with unique texts through
/// <c>POST /api/jobs</c> (closed loop, or open loop with <c>--rate</c>), tells when they have all finished without
/// disturbing the cluster (the silos' <c>/metrics</c> at most 4 times a second, or one paced GET at a time oldest
/// first), then reads each job's final snapshot once for the server-side latencies. CPU time of the given processes
/// (<c>/proc/PID/stat</c>) and Redis' command counts cover the window from the first POST to the moment completion was
/// seen. The last line of output is one JSON object with every figure.
/// </summary>
public static class PipelineBenchmark
{
    public static readonly JsonSerializerOptions ReportJson = new(JsonDefaults.Options) { WriteIndented = false };

    public static async Task<int> RunAsync(string[] args)
    {
        var parsed = new BenchArgs(args);
        var options = PipelineOptions.Parse(parsed);
        parsed.RejectUnknown();
        using var cancel = ConsoleCancellation.Create();
        var report = await MeasureAsync(options, cancel.Token);
        Print(report);
        if (report.Errors.ContainsKey("401"))
        {
            Console.Error.WriteLine("401: the frontend wants an API key (--api-key).");
        }

        if (report.Errors.ContainsKey("429"))
        {
            Console.Error.WriteLine("429: the submission rate limit was hit; start the frontend with RateLimiting__PermitLimit raised.");
        }

        Console.WriteLine(JsonSerializer.Serialize(report, ReportJson));
        return report.AllFinished && report.Errors.Count == 0 ? 0 : 1;
    }

    public static async Task<PipelineReport> MeasureAsync(PipelineOptions options, CancellationToken ct)
    {
        using var http = BenchHttp.Create(options.Concurrency);
        var snapshots = new JobSnapshots(http, options.Url, options.ApiKey);
        var submitter = new JobSubmitter(http, options.Url, options.ApiKey);
        var runId = Guid.NewGuid().ToString("N")[..8];
        await using var redis = options.Redis is { } endpoint ? await RedisCommandStats.ConnectAsync(endpoint) : null;
        ICompletionWatcher NewWatcher() => options.Metrics.Count > 0
            ? new MetricsCompletionWatcher(http, options.Metrics, options.ScrapesPerSecond)
            : new PollingCompletionWatcher(snapshots, options.PollsPerSecond);

        var loadBefore = LoadAverage();
        Console.Error.WriteLine($"run {runId}: {options.Jobs} jobs to {options.Url} " +
            (options.Rate is { } r ? $"open loop at {r} jobs/s (at most {options.Concurrency} unanswered)" : $"closed loop, {options.Concurrency} submissions in flight") +
            $", completion from {(options.Metrics.Count > 0 ? "/metrics" : "polling jobs")}, load average {loadBefore}");

        var jit = new JitActivity(http, [.. options.Metrics, new Uri(options.Url, "metrics")]);
        var (warmupRounds, warmupJit) = await WarmUpAsync(options, submitter, jit, runId, NewWatcher, ct);

        IReadOnlyDictionary<string, double?> idle = new Dictionary<string, double?>();
        if (options.IdleSeconds > 0 && options.Processes.Count > 0)
        {
            Console.Error.WriteLine($"measuring CPU with no load for {options.IdleSeconds} s");
            foreach (var process in options.Processes)
            {
                process.Start();
            }

            await Task.Delay(TimeSpan.FromSeconds(options.IdleSeconds), ct);
            idle = options.Processes.ToDictionary(process => process.Name, process => process.Elapsed() is { } ms ? Round(ms / options.IdleSeconds) : (double?)null);
        }

        var texts = JobTexts.Create(runId, warmupRounds * options.Warmup, options.Jobs);
        var accepted = new ConcurrentQueue<string>();
        var watcher = NewWatcher();
        await watcher.StartAsync(ct);
        if (redis is not null)
        {
            await redis.ResetAsync();
        }

        foreach (var process in options.Processes)
        {
            process.Start();
        }

        var jitBefore = await jit.ReadAsync(ct);
        var harnessCpu = Process.GetCurrentProcess().TotalProcessorTime;
        var startedAt = DateTime.UtcNow;
        var measured = Stopwatch.StartNew();
        var submitting = submitter.RunAsync(texts, options.Concurrency, options.Rate, id =>
        {
            accepted.Enqueue(id);
            watcher.Accepted(id);
        }, ct);
        var allFinished = await watcher.WaitAsync(submitting, options.Timeout, ct);

        // The measured window ends here: read the counters before anything else touches the cluster.
        var measuredSeconds = measured.Elapsed.TotalSeconds;
        var cpu = options.Processes.Select(process => (process.Name, Ms: process.Elapsed())).ToArray();
        var switches = options.Processes.Select(process => (process.Name, Count: process.SwitchesElapsed())).ToArray();
        var redisCounts = redis is null ? null : await redis.ReadAsync();
        var harnessMs = (Process.GetCurrentProcess().TotalProcessorTime - harnessCpu).TotalMilliseconds;
        var loadAfter = LoadAverage();
        var jitAfter = await jit.ReadAsync(ct);
        var submitted = await submitting;

        var finished = new Dictionary<string, FinalJob>(watcher.Finished, StringComparer.Ordinal);
        var missing = accepted.Where(id => !finished.ContainsKey(id)).ToArray();
        if (missing.Length > 0)
        {
            Console.Error.WriteLine($"reading {missing.Length} final snapshots (after the measured window)");
            foreach (var (id, job) in await snapshots.GetAllAsync(missing, parallelism: 8, ct))
            {
                finished[id] = job;
            }
        }

        var final = finished.Values.Where(job => job.Status.IsFinal()).ToArray();
        var completed = final.Where(job => job.Status == JobStatus.Completed && job.CompletedAt is not null).ToArray();
        var window = final.Length == 0 ? 0
            : (final.Max(job => job.CompletedAt ?? job.CreatedAt) - final.Min(job => job.CreatedAt)).TotalSeconds;
        var perJob = Math.Max(1, final.Length);
        var harnessRequests = submitted.Outcomes.Values.Sum() + watcher switch
        {
            MetricsCompletionWatcher metrics => metrics.Scrapes * options.Metrics.Count,
            PollingCompletionWatcher polling => polling.Requests,
            _ => 0,
        };

        return new PipelineReport
        {
            StartedAt = startedAt,
            Url = options.Url.ToString(),
            Loop = options.Rate is null ? "closed" : "open",
            Jobs = options.Jobs,
            Concurrency = options.Concurrency,
            Rate = options.Rate,
            Warmup = options.Warmup,
            WarmupRounds = warmupRounds,
            WarmupLastRoundJitMethods = warmupJit,
            JitMethodsDuringRun = jitAfter - jitBefore,
            Completion = watcher.Mode,
            Cores = Environment.ProcessorCount,
            LoadAverageBefore = loadBefore,
            LoadAverageAfter = loadAfter,
            Accepted = submitted.Accepted,
            Errors = submitted.Outcomes.Where(pair => !pair.Key.StartsWith('2')).ToDictionary(),
            SubmitSeconds = Round(submitted.Elapsed.TotalSeconds),
            SubmittedPerSecond = Round(submitted.Accepted / submitted.Elapsed.TotalSeconds),
            SubmitMs = Percentiles.Of(submitted.AcceptedLatenciesMs),
            OpenLoopMaxLateMs = options.Rate is null ? null : Round(submitted.MaxLateMs),
            AllFinished = allFinished && final.Length == submitted.Accepted,
            Finished = final.Length,
            FinalStatuses = final.GroupBy(job => job.Status.ToString().ToLowerInvariant()).ToDictionary(group => group.Key, group => group.Count()),
            Cached = final.Count(job => job.Cached),
            WindowSeconds = Round(window),
            CompletedPerSecond = window > 0 ? Round(completed.Length / window) : 0,
            LatencyMs = Percentiles.Of(completed.Select(job => (job.CompletedAt!.Value - job.CreatedAt).TotalMilliseconds)),
            QueueMs = Percentiles.Of(final.Where(job => job.StartedAt is not null).Select(job => (job.StartedAt!.Value - job.CreatedAt).TotalMilliseconds)),
            EmbeddingMs = Percentiles.Of(completed.Where(job => job.EmbeddingMs is not null).Select(job => job.EmbeddingMs!.Value)),
            LlmMs = Percentiles.Of(completed.Where(job => job.LlmMs is not null).Select(job => job.LlmMs!.Value)),
            MeasuredSeconds = Round(measuredSeconds),
            CpuMsPerJob = cpu.ToDictionary(entry => entry.Name, entry => entry.Ms is { } ms ? Round(ms / perJob) : (double?)null),
            IdleCpuMsPerSecond = idle,
            SwitchesPerJob = switches.ToDictionary(entry => entry.Name, entry => entry.Count is { } count
                ? new SwitchesReport(Round(count.Voluntary / (double)perJob), Round(count.Involuntary / (double)perJob))
                : null),
            CpuMsPerJobTotal = cpu.Length == 0 || cpu.Any(entry => entry.Ms is null) ? null : Round(cpu.Sum(entry => entry.Ms!.Value) / perJob),
            HarnessCpuMsPerJob = Round(harnessMs / perJob),
            HarnessRequests = harnessRequests,
            Redis = redisCounts is null ? null : new RedisReport(
                Round(redisCounts.Sum(count => count.Calls) / (double)perJob),
                Round(redisCounts.Sum(count => count.Microseconds) / (double)perJob),
                redisCounts.ToDictionary(count => count.Command, count => Round(count.Calls / (double)perJob)),
                redisCounts.Sum(count => count.Calls)),
        };
    }

    /// <summary>Rounds of <c>--warmup</c> jobs until the processes' JIT has settled (a round compiled fewer than
    /// <c>--jit-settled</c> methods) or <c>--warmup-rounds</c> have run; one round when no process exposes its JIT count.
    /// Returns the rounds run and the methods compiled during the last one.</summary>
    private static async Task<(int Rounds, long? LastRoundJitMethods)> WarmUpAsync(
        PipelineOptions options, JobSubmitter submitter, JitActivity jit, string runId, Func<ICompletionWatcher> newWatcher, CancellationToken ct)
    {
        if (options.Warmup == 0)
        {
            return (0, null);
        }

        long? compiled = null;
        for (var round = 1; ; round++)
        {
            var before = await jit.ReadAsync(ct);
            var warm = newWatcher();
            await warm.StartAsync(ct);
            var clock = Stopwatch.StartNew();
            var warming = submitter.RunAsync(JobTexts.Create(runId, (round - 1) * options.Warmup, options.Warmup), options.Concurrency, options.Rate, warm.Accepted, ct);
            var warmed = await warm.WaitAsync(warming, options.Timeout, ct);
            var result = await warming;
            compiled = await jit.ReadAsync(ct) - before;
            Console.Error.WriteLine(FormattableString.Invariant(
                $"warm-up round {round}: {result.Accepted} of {options.Warmup} jobs accepted, {(warmed ? "all finished" : "NOT all finished")} in {clock.Elapsed.TotalSeconds:0.0} s; JIT compiled {compiled?.ToString(CultureInfo.InvariantCulture) ?? "(unknown)"} methods"));
            if (compiled is null || compiled < options.JitSettled || round >= options.WarmupRounds)
            {
                return (round, compiled);
            }
        }
    }

    public static void Print(PipelineReport report)
    {
        var lines = new List<(string, string)>
        {
            ("load", report.Loop == "open"
                ? Invariant($"open loop at {report.Rate} jobs/s offered (worst start {report.OpenLoopMaxLateMs} ms late), at most {report.Concurrency} unanswered")
                : Invariant($"closed loop, {report.Concurrency} submissions in flight")),
            ("jobs", Invariant($"{report.Accepted} accepted of {report.Jobs} (+{report.WarmupRounds}×{report.Warmup} warm-up), {report.Finished} finished: {Join(report.FinalStatuses)}; {report.Cached} from the cache")),
            ("JIT", Invariant($"{report.WarmupLastRoundJitMethods?.ToString(CultureInfo.InvariantCulture) ?? "?"} methods compiled in the last warm-up round, {report.JitMethodsDuringRun?.ToString(CultureInfo.InvariantCulture) ?? "?"} during the run")),
            ("errors", report.Errors.Count == 0 ? "none" : Join(report.Errors)),
            ("submitted/s", Invariant($"{report.SubmittedPerSecond:0.0} ({report.SubmitSeconds:0.00} s)")),
            ("completed/s", Invariant($"{report.CompletedPerSecond:0.0} (first created → last completed {report.WindowSeconds:0.00} s)")),
            ("latency ms", Invariant($"created → completed p50 {report.LatencyMs.P50}, p95 {report.LatencyMs.P95}, p99 {report.LatencyMs.P99}, max {report.LatencyMs.Max}")),
            ("  of which", Invariant($"queue p50 {report.QueueMs.P50} / p99 {report.QueueMs.P99}; embedding p50 {report.EmbeddingMs.P50}; llm p50 {report.LlmMs.P50} / p99 {report.LlmMs.P99}")),
            ("submit ms", Invariant($"POST p50 {report.SubmitMs.P50}, p99 {report.SubmitMs.P99}, max {report.SubmitMs.Max}")),
            ("CPU ms/job", report.CpuMsPerJob.Count == 0 ? "(no --pids)"
                : string.Join(", ", report.CpuMsPerJob.Select(pair => Invariant($"{pair.Key} {pair.Value?.ToString("0.000", CultureInfo.InvariantCulture) ?? "gone"}")))
                  + Invariant($"; total {report.CpuMsPerJobTotal:0.000}")),
            ("switches/job", report.SwitchesPerJob.Count == 0 ? "(no --pids)"
                : string.Join(", ", report.SwitchesPerJob.Select(pair => pair.Value is { } count
                    ? Invariant($"{pair.Key} {count.Voluntary:0.0} + {count.Involuntary:0.0}")
                    : $"{pair.Key} gone")) + " (voluntary + involuntary context switches)"),
            ("idle CPU", report.IdleCpuMsPerSecond.Count == 0 ? "(not measured: --idle-seconds)"
                : string.Join(", ", report.IdleCpuMsPerSecond.Select(pair => Invariant($"{pair.Key} {pair.Value:0.0}"))) + " ms per second"),
            ("harness", Invariant($"{report.HarnessCpuMsPerJob:0.000} CPU ms/job, {report.HarnessRequests} requests ({report.Completion}), measured {report.MeasuredSeconds:0.00} s")),
            ("load average", $"{report.LoadAverageBefore} before, {report.LoadAverageAfter} after"),
        };
        if (report.Redis is { } redis)
        {
            lines.Add(("Redis/job", Invariant($"{redis.TotalPerJob:0.0} commands, {redis.MicrosecondsPerJob:0} µs: ")
                + string.Join(", ", redis.CommandsPerJob.Select(pair => Invariant($"{pair.Key} {pair.Value:0.##}")))));
        }

        foreach (var (name, value) in lines)
        {
            Console.WriteLine($"{name,-13} {value}");
        }
    }

    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static string Join<T>(IReadOnlyDictionary<string, T> counts) =>
        string.Join(", ", counts.Select(pair => $"{pair.Key} {pair.Value}"));

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);

    private static double Round(double value) => Math.Round(value, 3);
}
