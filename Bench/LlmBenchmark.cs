using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OrleansNlp.Hosting;
using OrleansNlp.Models;

namespace OrleansNlp.Bench;

/// <summary>
/// The "llm" verb: can one silo keep hundreds of LLM calls in flight? Starts <see cref="SlowChatCompletionsServer"/>
/// (answers after --latency-ms, default 200) and one in-process silo (embedded mode) with the "openai" provider pointed
/// at it and Llm:MaxConcurrencyPerSilo = --limit (default 1000). Phase 1 drives the LLM grain directly: for each N in
/// --concurrency (default 500,1000), N callers each make --rounds (default 20) calls in a row; it passes when
/// throughput is at least 90 % of N / latency. Phase 2 submits --jobs (default 1000) jobs at once and times them end to
/// end (embedding, LLM, state, progress events). Exit code 1 when a phase-1 run falls short.
/// </summary>
public static class LlmBenchmark
{
    private const double RequiredEfficiency = 0.9;

    public static async Task<int> RunAsync(string[] args)
    {
        var options = Options.Parse(args);
        var latency = TimeSpan.FromMilliseconds(options.LatencyMs);
        await using var server = await SlowChatCompletionsServer.StartAsync(latency);
        using var host = await StartSiloAsync(server.Endpoint, options.Limit);
        var grains = host.Services.GetRequiredService<IGrainFactory>();

        Console.WriteLine($"LLM stage benchmark: one silo, fake provider latency {options.LatencyMs} ms, Llm:MaxConcurrencyPerSilo {options.Limit}, " +
            $"{Environment.ProcessorCount} cores, .NET {Environment.Version}, server GC {System.Runtime.GCSettings.IsServerGC}, load average {LoadAverage()}");
        var embedding = await grains.GetGrain<IEmbeddingGrain>(0).EmbedAsync(new EmbeddingRequest(SampleText, "Why do volcanoes erupt?"));
        var request = new LlmRequest("Why do volcanoes erupt?", embedding);

        var priorities = new[] { JobPriority.High, JobPriority.Normal, JobPriority.Low };
        var requests = priorities.Select(priority => request with { Priority = priority }).ToArray();
        var llm = grains.GetGrain<ILlmGrain>(0);
        Func<int, Task> viaGrain = caller => llm.GenerateAsync(requests[caller % requests.Length]);
        // The same request straight from an HttpClient: what this machine allows at this moment, without the silo.
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue });
        var body = System.Text.Json.JsonSerializer.Serialize(new
        {
            model = "bench-model",
            messages = new[] { new { role = "system", content = OrleansNlp.Llm.PromptBuilder.SystemMessage }, new { role = "user", content = SampleText } },
        });
        Func<int, Task> viaHttp = async _ =>
        {
            using var response = await http.PostAsync(server.Endpoint + "/chat/completions", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
            await response.Content.ReadAsByteArrayAsync();
        };

        // Warm-up as long as a measured run: tiered JIT (with PGO) takes seconds to settle on two cores, and the first
        // measured row would otherwise pay for it (about 3x the CPU per call and a p99 over 500 ms).
        await CallsAsync(viaGrain, options.Concurrency.Max(), options.Rounds);
        await CallsAsync(viaHttp, options.Concurrency.Max(), options.Rounds / 2);

        Console.WriteLine();
        Console.WriteLine("| path | concurrency | calls | elapsed s | calls/s | ideal calls/s | efficiency | p50 ms | p99 ms | max in flight at server | process CPU ms/call |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        var passed = true;
        foreach (var concurrency in options.Concurrency)
        {
            foreach (var (path, call) in new[] { ("LLM grain (openai provider)", viaGrain), ("raw HttpClient, no silo (baseline)", viaHttp) })
            {
                server.ResetCounters();
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var (elapsed, latencies) = await CallsAsync(call, concurrency, options.Rounds);
                var cpuPerCall = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / latencies.Length;
                var throughput = latencies.Length / elapsed.TotalSeconds;
                var ideal = concurrency / latency.TotalSeconds;
                var efficiency = throughput / ideal;
                passed &= call != viaGrain || efficiency >= RequiredEfficiency;
                Array.Sort(latencies);
                Console.WriteLine(FormattableString.Invariant(
                    $"| {path} | {concurrency} | {latencies.Length} | {elapsed.TotalSeconds:0.00} | {throughput:0} | {ideal:0} | {efficiency:P1} | {Percentile(latencies, 0.5):0} | {Percentile(latencies, 0.99):0} | {server.MaxInFlight} | {cpuPerCall:0.00} |"));
            }
        }

        if (options.Jobs > 0)
        {
            server.ResetCounters();
            var (elapsed, completed) = await JobsAsync(grains, options.Jobs);
            Console.WriteLine();
            Console.WriteLine(FormattableString.Invariant(
                $"End to end: {completed}/{options.Jobs} jobs submitted at once completed in {elapsed.TotalSeconds:0.00} s ({completed / elapsed.TotalSeconds:0} jobs/s); max LLM requests in flight at the server {server.MaxInFlight}."));
        }

        Console.WriteLine();
        Console.WriteLine($"Load average after the runs: {LoadAverage()}");
        Console.WriteLine(passed
            ? $"PASS: every LLM grain run reached at least {RequiredEfficiency:P0} of concurrency / latency."
            : $"FAIL: an LLM grain run stayed under {RequiredEfficiency:P0} of concurrency / latency.");
        await host.StopAsync();
        return passed ? 0 : 1;
    }

    private static async Task<IHost> StartSiloAsync(string endpoint, int limit)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Llm:Provider"] = "openai",
            ["Llm:Endpoint"] = endpoint,
            ["Llm:Model"] = "bench-model",
            ["Llm:MaxConcurrencyPerSilo"] = limit.ToString(CultureInfo.InvariantCulture),
            // Every job must reach the provider.
            ["Cache:Enabled"] = "false",
            ["Orleans:SiloPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["Orleans:GatewayPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleans(silo => silo.UseOrleansNlpClustering().AddOrleansNlp());
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    private static async Task<(TimeSpan Elapsed, double[] LatenciesMs)> CallsAsync(Func<int, Task> call, int concurrency, int rounds)
    {
        var latencies = new double[concurrency * rounds];
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async caller =>
        {
            for (var round = 0; round < rounds; round++)
            {
                var start = Stopwatch.GetTimestamp();
                await call(caller);
                latencies[caller * rounds + round] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            }
        }));
        return (clock.Elapsed, latencies);
    }

    private static async Task<(TimeSpan Elapsed, int Completed)> JobsAsync(IGrainFactory grains, int count)
    {
        var runId = Guid.NewGuid().ToString("N")[..8];
        var jobs = Enumerable.Range(0, count).Select(i => grains.GetGrain<IJobGrain>($"bench-{runId}-{i}")).ToArray();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(jobs.Select((job, i) => job.SubmitAsync(new JobRequest($"{SampleText} Job {i} of run {runId}.", "Why do volcanoes erupt?"))));
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            var states = await Task.WhenAll(jobs.Select(job => job.GetStatusAsync()));
            if (states.All(state => state!.Status.IsFinal()) || DateTime.UtcNow > deadline)
            {
                return (clock.Elapsed, states.Count(state => state!.Status == JobStatus.Completed));
            }

            await Task.Delay(20);
        }
    }

    // Other processes on a small machine move these figures: say how busy it was.
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static double Percentile(double[] sorted, double quantile) =>
        sorted[Math.Min(sorted.Length - 1, (int)(quantile * sorted.Length))];

    private const string SampleText =
        "Volcanoes erupt when magma rises through cracks in the crust. Pressure from dissolved gases pushes the molten " +
        "rock upward until it breaks through. Lava flows, ash clouds and gas follow. Some volcanoes erupt gently, others " +
        "explode. Scientists watch earthquakes and ground swelling to warn people nearby.";

    private sealed record Options(int[] Concurrency, int LatencyMs, int Rounds, int Limit, int Jobs)
    {
        public static Options Parse(string[] args)
        {
            var values = new Dictionary<string, string>();
            for (var i = 0; i + 1 < args.Length; i += 2)
            {
                values[args[i].TrimStart('-')] = args[i + 1];
            }

            int Int(string name, int fallback) => values.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
            var concurrency = values.TryGetValue("concurrency", out var list)
                ? list.Split(',').Select(v => int.Parse(v, CultureInfo.InvariantCulture)).ToArray()
                : [500, 1000];
            return new Options(concurrency, Int("latency-ms", 200), Int("rounds", 20), Int("limit", 1000), Int("jobs", 1000));
        }
    }
}
