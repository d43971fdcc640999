using System.Globalization;
using System.Text.Json;
using OrleansNlp.Bench.Pipeline;

namespace OrleansNlp.Bench.Scale;

/// <summary>
/// The "scale" verb: does adding a silo add throughput? Starts one fake LLM (<c>fake-llm</c> in a child process,
/// answering after <c>--latency-ms</c>), then for each silo count a fresh <c>scripts/cluster.sh</c> cluster (own state
/// directory, own Redis) with the openai provider pointed at it, <c>Llm__MaxConcurrencyPerSilo</c> = <c>--cap</c> and
/// the submission rate limit raised; runs the <c>pipeline</c> measurement (closed loop, completion from the silos'
/// /metrics), stops the cluster, and prints silos → jobs/s with the ratio to the first row. The ideal is
/// cap × silos / latency.
/// </summary>
public static class ScaleBenchmark
{
    public const string Usage =
        "scale [--silos 1,2,3] [--latency-ms 1000] [--cap 32] [--jobs N (per run; default 10 x cap x silos)]\n" +
        "      [--concurrency C (default 64)] [--warmup N (default 10 x cap x silos)]\n" +
        "      [--warmup-rounds R (default 3: rounds until the JIT settles)] [--repo DIR] [--env NAME=VALUE,...]";

    public static async Task<int> RunAsync(string[] args)
    {
        var parsed = new BenchArgs(args);
        var siloCounts = parsed.List("silos") is { Length: > 0 } list ? list.Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray() : [1, 2, 3];
        var latencyMs = parsed.Int("latency-ms", 1000);
        var cap = parsed.Int("cap", 32);
        var jobs = parsed.OptionalInt("jobs");
        var concurrency = parsed.Int("concurrency", 64);
        var warmup = parsed.OptionalInt("warmup");
        var warmupRounds = parsed.Int("warmup-rounds", 3);
        var repo = parsed.String("repo") ?? FindRepository();
        var extraEnvironment = parsed.List("env").Select(pair => pair.Split('=', 2)).ToDictionary(pair => pair[0], pair => pair.ElementAtOrDefault(1) ?? "");
        parsed.RejectUnknown();

        using var cancel = ConsoleCancellation.Create();
        var runDir = Path.Combine(Path.GetTempPath(), "orleansnlp-scale-" + DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
        using var llm = await FakeLlmProcess.StartAsync(latencyMs, cancel.Token);
        var rows = new List<ScaleRow>();
        foreach (var silos in siloCounts)
        {
            var environment = new Dictionary<string, string>
            {
                ["Llm__Provider"] = "openai",
                ["Llm__Endpoint"] = llm.Endpoint,
                ["Llm__Model"] = "fake",
                ["Llm__MaxConcurrencyPerSilo"] = cap.ToString(CultureInfo.InvariantCulture),
                ["RateLimiting__PermitLimit"] = "1000000",
            };
            foreach (var (name, value) in extraEnvironment)
            {
                environment[name] = value;
            }

            var dir = Path.Combine(runDir, $"silos-{silos}");
            Console.Error.WriteLine($"== {silos} silo(s): starting a cluster in {dir}");
            PipelineReport report;
            await using (var cluster = await LocalCluster.StartAsync(repo, dir, silos, environment, cancel.Token))
            {
                report = await PipelineBenchmark.MeasureAsync(new PipelineOptions
                {
                    Url = cluster.State.FrontendUrl,
                    Jobs = jobs ?? 10 * cap * silos,
                    Concurrency = concurrency,
                    // As many jobs as the measured run: a fresh cluster of several silos on few cores is still
                    // compiling its hot paths after a few seconds, and its submissions fall behind the LLM capacity.
                    Warmup = warmup ?? 10 * cap * silos,
                    WarmupRounds = warmupRounds,
                    Metrics = cluster.State.SiloMetricsUrls,
                    Processes = [.. cluster.State.Processes, llm.Cpu],
                    Redis = $"127.0.0.1:{cluster.State.RedisPort}",
                }, cancel.Token);
            }

            Console.WriteLine($"-- {silos} silo(s)");
            PipelineBenchmark.Print(report);
            var ideal = cap * silos / (latencyMs / 1000.0);
            rows.Add(new ScaleRow(silos, report.Accepted, report.CompletedPerSecond,
                rows.Count == 0 || rows[0].CompletedPerSecond == 0 ? 1 : Math.Round(report.CompletedPerSecond / rows[0].CompletedPerSecond, 3),
                ideal, Math.Round(report.CompletedPerSecond / ideal, 3), report.LatencyMs.P50, report.LatencyMs.P99, report.CpuMsPerJobTotal, report));
        }

        Console.WriteLine();
        Console.WriteLine($"Scale-out: fake LLM latency {latencyMs} ms, Llm:MaxConcurrencyPerSilo {cap}, {Environment.ProcessorCount} cores, load average {PipelineBenchmark.LoadAverage()}");
        Console.WriteLine("| silos | jobs | completed jobs/s | ratio to first | ideal jobs/s | of ideal | p50 ms | p99 ms | CPU ms/job (all processes) |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var row in rows)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {row.Silos} | {row.Jobs} | {row.CompletedPerSecond:0.0} | {row.Ratio:0.00}x | {row.Ideal:0} | {row.OfIdeal:P0} | {row.P50Ms:0} | {row.P99Ms:0} | {row.CpuMsPerJob:0.00} |"));
        }

        Console.WriteLine(JsonSerializer.Serialize(new { latencyMs, cap, runs = rows }, PipelineBenchmark.ReportJson));
        return rows.All(row => row.Report.AllFinished && row.Report.Errors.Count == 0) ? 0 : 1;
    }

    /// <summary>The repository holding scripts/cluster.sh: the current directory or one above it, else the one above
    /// this program's binaries.</summary>
    private static string FindRepository()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "scripts", "cluster.sh")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("scripts/cluster.sh not found: pass --repo DIR.");
    }

    private sealed record ScaleRow(int Silos, int Jobs, double CompletedPerSecond, double Ratio, double Ideal, double OfIdeal,
        double P50Ms, double P99Ms, double? CpuMsPerJob, PipelineReport Report);
}
