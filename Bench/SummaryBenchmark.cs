using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OrleansNlp.Hosting;
using OrleansNlp.Llm;
using OrleansNlp.Models;
using OrleansNlp.Text;

namespace OrleansNlp.Bench;

/// <summary>
/// The "summary" verb: what sentence ranking costs per text. Starts one in-process silo (embedded mode, the shipped
/// model, the built-in extractive provider), has its embedding stage embed texts of 4 to about 1,500 sentences once,
/// then calls the provider the silo uses (split, embed the sentences through the silo's batcher, rank, select) on
/// them, one call at a time and with 64 calls in flight, for --seconds (default 3) each after a warm-up. The embedding
/// stage on the same text, one at a time, is shown beside it for scale.
/// </summary>
public static class SummaryBenchmark
{
    public const string Usage = "summary [--seconds 3]";

    private const int Concurrency = 64;
    private const string Instruction = "Summarize in one sentence.";

    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = args is ["--seconds", var value] ? double.Parse(value, CultureInfo.InvariantCulture) : 3;
        if (args.Length > 0 && args is not ["--seconds", _] || seconds <= 0)
        {
            throw new ArgumentException("summary takes only --seconds N (N > 0).");
        }

        var duration = TimeSpan.FromSeconds(seconds);
        using var host = await StartSiloAsync();
        var grains = host.Services.GetRequiredService<IGrainFactory>();
        var provider = host.Services.GetRequiredService<ILlmProvider>();
        var embeddingGrain = grains.GetGrain<IEmbeddingGrain>(0);

        Console.WriteLine($"Sentence ranking benchmark: provider {provider.Name}/{provider.Model}, one silo, {Environment.ProcessorCount} cores, " +
            $".NET {Environment.Version}, server GC {System.Runtime.GCSettings.IsServerGC}, load average {LoadAverage()}, {seconds:0.#} s per cell");
        Console.WriteLine();
        Console.WriteLine("| text | sentences | ranked | instruction | split only µs | summary, one at a time: µs/text | CPU µs/text | " +
            $"summary, {Concurrency} in flight: texts/s | CPU µs/text | embedding stage, one at a time: µs/text |");
        Console.WriteLine("|---|---:|---:|---|---:|---:|---:|---:|---:|---:|");
        var cases = new List<(string Text, string? Instruction, LlmRequest Request)>();
        foreach (var sentences in new[] { 4, 20, 100, 1_500 })
        {
            var text = Text(sentences);
            foreach (var instruction in new[] { null, Instruction })
            {
                cases.Add((text, instruction, new LlmRequest(instruction, await embeddingGrain.EmbedAsync(new EmbeddingRequest(text, instruction)))));
            }
        }

        // Tiered JIT (with PGO) takes seconds to settle on two cores: warm every path before the first measured cell.
        foreach (var (_, _, request) in cases)
        {
            await RunForAsync(() => provider.GenerateAsync(request, CancellationToken.None), Concurrency, duration / 2);
        }

        foreach (var (text, instruction, request) in cases)
        {
            var counted = request.Embedding.Chunks.Sum(chunk => SentenceSplitter.Split(chunk.Text).Count);
            Func<Task> summarize = () => provider.GenerateAsync(request, CancellationToken.None);
            Func<Task> embed = () => embeddingGrain.EmbedAsync(new EmbeddingRequest(text, instruction));

            var split = SplitMicroseconds(request.Embedding, duration);
            var (sequentialRate, sequentialCpu) = await MeasureAsync(summarize, 1, duration);
            var (concurrentRate, concurrentCpu) = await MeasureAsync(summarize, Concurrency, duration);
            var (embedRate, _) = await MeasureAsync(embed, 1, duration);
            Console.WriteLine(FormattableString.Invariant(
                $"| {text.Length / 1024.0:0.0} KB | {counted} | {Math.Min(counted, ExtractiveSummarizer.MaxRankedSentences)} | {(instruction is null ? "none" : "yes")} | {split:0.0} | {1e6 / sequentialRate:0} | {sequentialCpu:0} | {concurrentRate:0} | {concurrentCpu:0} | {1e6 / embedRate:0} |"));
        }

        Console.WriteLine();
        Console.WriteLine($"Load average after the runs: {LoadAverage()}");
        await host.StopAsync();
        return 0;
    }

    /// <summary>A text of the corpus's sentences, repeated as needed.</summary>
    private static string Text(int sentences) =>
        string.Join(' ', Enumerable.Range(0, sentences).Select(i => BenchCorpus.Sentences[i % BenchCorpus.Sentences.Length]));

    private static double SplitMicroseconds(EmbeddingOutput embedding, TimeSpan duration)
    {
        var clock = Stopwatch.StartNew();
        var calls = 0;
        while (clock.Elapsed < duration / 4)
        {
            foreach (var chunk in embedding.Chunks)
            {
                SentenceSplitter.Split(chunk.Text);
            }

            calls++;
        }

        return clock.Elapsed.TotalMicroseconds / calls;
    }

    private static async Task<(double Rate, double CpuMicroseconds)> MeasureAsync(Func<Task> call, int concurrency, TimeSpan duration)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var (rate, calls) = await RunForAsync(call, concurrency, duration);
        return (rate, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMicroseconds / calls);
    }

    private static async Task<(double Rate, long Calls)> RunForAsync(Func<Task> call, int concurrency, TimeSpan duration)
    {
        long calls = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (clock.Elapsed < duration)
            {
                await call();
                Interlocked.Increment(ref calls);
            }
        }));
        return (calls / clock.Elapsed.TotalSeconds, calls);
    }

    private static async Task<IHost> StartSiloAsync()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Orleans:SiloPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["Orleans:GatewayPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleans(silo => silo.UseOrleansNlpClustering().AddOrleansNlp());
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    // Other processes on a small machine move these figures: say how busy it was.
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
