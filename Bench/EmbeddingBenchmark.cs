using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansNlp.Embedding;
using OrleansNlp.Hosting;
using OrleansNlp.Models;

namespace OrleansNlp.Bench;

/// <summary>
/// Texts per second of (a) ONNX Runtime called directly with fixed batches (tokenization included), (b) the embedding
/// stage under many concurrent single-text requests, coalesced by the silo's batcher, and (c) the stage with one
/// request at a time. The stage runs in an in-process silo and is called through its co-hosted client. A sweep finds
/// (a)'s best batch size; then (a) at that size, (b) and (c) are measured back to back for several rounds; the table
/// shows each mode's median and the targets are judged on the median of the rounds' ratios, so that a burst of load
/// from elsewhere on the machine does not decide them.
/// </summary>
public static class EmbeddingBenchmark
{
    private const int CorpusSize = 4096;
    private const int Concurrency = 256;
    private static readonly int[] BatchSizes = [1, 8, 16, 32, 64, 128, 256];

    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = 3.0;
        var rounds = 5;
        var telemetry = false;
        var settings = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--seconds" && i + 1 < args.Length)
            {
                seconds = double.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture);
            }
            else if (args[i] == "--rounds" && i + 1 < args.Length)
            {
                rounds = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture);
            }
            else if (args[i] == "--telemetry")
            {
                telemetry = true;
            }
            else
            {
                settings.Add(args[i]);
            }
        }

        if (rounds < 1 || seconds <= 0)
        {
            Console.Error.WriteLine("--rounds must be at least 1 and --seconds more than 0.");
            return 2;
        }

        var duration = TimeSpan.FromSeconds(seconds);
        var builder = Host.CreateApplicationBuilder(settings.ToArray());
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"{ClusterHostingOptions.SectionName}:{nameof(ClusterHostingOptions.SiloPort)}"] = FreePort.Next().ToString(),
            [$"{ClusterHostingOptions.SectionName}:{nameof(ClusterHostingOptions.GatewayPort)}"] = FreePort.Next().ToString(),
        });
        builder.UseOrleans(silo => silo.UseOrleansNlpClustering().AddOrleansNlp());
        if (telemetry)
        {
            // As the Silo and WebFrontend hosts run: every meter listened to, so every instrument records.
            builder.AddOrleansNlpTelemetry();
        }

        using var host = builder.Build();
        await host.StartAsync();

        var model = host.Services.GetRequiredService<OnnxEmbeddingModel>();
        var batcher = host.Services.GetRequiredService<EmbeddingBatcher>();
        var options = host.Services.GetRequiredService<IOptions<EmbeddingOptions>>().Value;
        var client = host.Services.GetRequiredService<IClusterClient>();
        var corpus = BenchCorpus.Create(CorpusSize);
        var tokens = corpus.Select(text => model.Tokenize(text).Length).ToArray();

        Console.WriteLine($"Model {model.Name}: {model.Dimensions} dimensions, max {model.MaxTokens} tokens; {corpus.Length} texts of " +
            $"{tokens.Min()}-{tokens.Max()} tokens (mean {tokens.Average():F1}); {Environment.ProcessorCount} cores; " +
            $"batching: MaxBatchSize {options.MaxBatchSize}, MaxBatchTokens {options.MaxBatchTokens}, " +
            $"MaxQueueDelayMicroseconds {options.MaxQueueDelayMicroseconds}, IntraOpThreads {model.IntraOpThreads}; {seconds:0.#} s per row, {rounds} rounds{(telemetry ? ", OpenTelemetry metrics on" : "")}");

        // Warm-up: tiered compilation (PGO included) takes seconds to settle, and ONNX Runtime sizes its arenas.
        Raw(model, corpus, 64, TimeSpan.FromSeconds(1));
        await ThroughGrainAsync(client, corpus, Concurrency, TimeSpan.FromSeconds(2));
        await ThroughEmbedderAsync(host.Services.GetRequiredService<ITextEmbedder>(), corpus, Concurrency, TimeSpan.FromSeconds(1));
        await ThroughGrainAsync(client, corpus, 1, TimeSpan.FromSeconds(1));

        // (a) gets its best configuration: every batch size, with the silo's intra-op threads and with ONNX Runtime's own
        // default (one per core), on a session of its own.
        using var defaultThreads = model.IntraOpThreads == 0 ? null : new OnnxEmbeddingModel(
            Options.Create(new EmbeddingOptions
            {
                ModelPath = model.ModelPath,
                VocabPath = options.VocabPath,
                ModelName = options.ModelName,
                MaxTokens = options.MaxTokens,
                LowerCase = options.LowerCase,
                IntraOpThreads = 0,
            }),
            host.Services.GetRequiredService<ILogger<OnnxEmbeddingModel>>());
        OnnxEmbeddingModel[] sessions = defaultThreads is null ? [model] : [model, defaultThreads];
        var candidates = sessions.SelectMany(session => BatchSizes.Select(size => (Session: session, Size: size))).ToArray();
        var sweep = candidates
            .Select(candidate => Row.Measure(RawMode(candidate.Session, candidate.Size), () => Raw(candidate.Session, corpus, candidate.Size, duration), "tokenize + Run, one caller"))
            .ToList();
        var (bestSession, bestSize) = candidates[sweep.IndexOf(sweep.MaxBy(row => row.TextsPerSecond)!)];
        var embedder = host.Services.GetRequiredService<ITextEmbedder>();
        var raw = new List<Row>();
        var batched = new List<Row>();
        var single = new List<Row>();
        var diagnostics = new List<Row>();
        for (var round = 1; round <= rounds; round++)
        {
            // Odd rounds run (a), (b), (c); even rounds the other way round, so no mode always goes first.
            Task MeasureRawAsync()
            {
                raw.Add(Row.Measure(RawMode(bestSession, bestSize), () => Raw(bestSession, corpus, bestSize, duration), "tokenize + Run, one caller"));
                return Task.CompletedTask;
            }

            async Task MeasureBatchedAsync()
            {
                var before = batcher.Statistics;
                var grain = await Row.MeasureAsync($"(b) EmbeddingGrain, {Concurrency} concurrent", () => ThroughGrainAsync(client, corpus, Concurrency, duration));
                batched.Add(grain with { Note = $"{Delta(batcher.Statistics, before).AverageBatchSize:F1} texts per run on average" });
            }

            async Task MeasureSingleAsync() =>
                single.Add(await Row.MeasureAsync("(c) EmbeddingGrain, one at a time", () => ThroughGrainAsync(client, corpus, 1, duration),
                    "one caller: the batcher does not wait for company"));

            Func<Task>[] order = round % 2 == 1 ? [MeasureRawAsync, MeasureBatchedAsync, MeasureSingleAsync] : [MeasureSingleAsync, MeasureBatchedAsync, MeasureRawAsync];
            foreach (var measure in order)
            {
                await measure();
            }

            Console.WriteLine($"round {round}: (a) {raw[^1].TextsPerSecond:N0}, (b) {batched[^1].TextsPerSecond:N0}, (c) {single[^1].TextsPerSecond:N0} texts/s; " +
                $"(b)/(a) {batched[^1].TextsPerSecond / raw[^1].TextsPerSecond:P0}, (b)/(c) {batched[^1].TextsPerSecond / single[^1].TextsPerSecond:F1}x");
        }

        // Where the time goes: inference alone, and the batcher called without Orleans in between.
        diagnostics.Add(Row.Measure($"    inference only, batch {bestSize}", () => InferenceOnly(bestSession, corpus, bestSize, duration), "pre-tokenized: Run alone"));
        var start = batcher.Statistics;
        var batcherOnly = await Row.MeasureAsync($"    batcher without Orleans, {Concurrency} concurrent", () => ThroughEmbedderAsync(embedder, corpus, Concurrency, duration));
        diagnostics.Add(batcherOnly with { Note = $"{Delta(batcher.Statistics, start).AverageBatchSize:F1} texts per run on average" });

        var medianRaw = Median(raw);
        var medianBatched = Median(batched);
        var medianSingle = Median(single);
        Console.WriteLine();
        Console.WriteLine($"| {"mode",-56} | {"texts/s",9} | {"CPU µs/text",11} | note");
        Console.WriteLine($"| {new string('-', 56)} | {new string('-', 9)} | {new string('-', 11)} | ----");
        foreach (var row in sweep)
        {
            Print(row);
        }

        Print(medianRaw with { Mode = $"(a) best: batch {bestSize}, {Threads(bestSession)}, median of {rounds}" });
        Print(medianBatched with { Mode = $"{medianBatched.Mode}, median of {rounds}" });
        Print(medianSingle with { Mode = $"{medianSingle.Mode}, median of {rounds}" });
        diagnostics.ForEach(Print);

        Console.WriteLine();
        // Paired: each round's modes ran back to back, so their ratio is less disturbed by load that comes and goes.
        var toRaw = Median(batched.Select((row, i) => row.TextsPerSecond / raw[i].TextsPerSecond));
        var toSingle = Median(batched.Select((row, i) => row.TextsPerSecond / single[i].TextsPerSecond));
        Console.WriteLine($"(b) / (a) = {toRaw:P0} (target >= 80%); (b) / (c) = {toSingle:F1}x (target >= 3x); medians of the rounds' ratios");
        await host.StopAsync();
        return 0;
    }

    private static (double TextsPerSecond, long Texts) Raw(OnnxEmbeddingModel model, string[] corpus, int batchSize, TimeSpan duration)
    {
        long texts = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < duration)
        {
            for (var start = 0; start < corpus.Length && clock.Elapsed < duration; start += batchSize)
            {
                var batch = new int[Math.Min(batchSize, corpus.Length - start)][];
                for (var i = 0; i < batch.Length; i++)
                {
                    batch[i] = model.Tokenize(corpus[start + i]);
                }

                model.Run(batch);
                texts += batch.Length;
            }
        }

        return (texts / clock.Elapsed.TotalSeconds, texts);
    }

    private static (double TextsPerSecond, long Texts) InferenceOnly(OnnxEmbeddingModel model, string[] corpus, int batchSize, TimeSpan duration)
    {
        var batches = corpus.Select(model.Tokenize).Chunk(batchSize).ToArray();
        long texts = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < duration)
        {
            foreach (var batch in batches)
            {
                model.Run(batch);
                texts += batch.Length;
            }
        }

        return (texts / clock.Elapsed.TotalSeconds, texts);
    }

    private static Task<(double TextsPerSecond, long Texts)> ThroughGrainAsync(IClusterClient client, string[] corpus, int concurrency, TimeSpan duration)
    {
        var grain = client.GetGrain<IEmbeddingGrain>(0);
        return ConcurrentlyAsync(corpus, concurrency, duration, text => grain.EmbedAsync(new EmbeddingRequest(text, null)));
    }

    private static Task<(double TextsPerSecond, long Texts)> ThroughEmbedderAsync(ITextEmbedder embedder, string[] corpus, int concurrency, TimeSpan duration) =>
        ConcurrentlyAsync(corpus, concurrency, duration, text => embedder.EmbedAsync([text]).AsTask());

    /// <summary>Each of <paramref name="concurrency"/> callers sends one text at a time, waiting for each answer.</summary>
    private static async Task<(double TextsPerSecond, long Texts)> ConcurrentlyAsync(string[] corpus, int concurrency, TimeSpan duration, Func<string, Task> call)
    {
        long next = -1;
        long done = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            while (clock.Elapsed < duration)
            {
                await call(corpus[Interlocked.Increment(ref next) % corpus.Length]);
                Interlocked.Increment(ref done);
            }
        })));
        return (done / clock.Elapsed.TotalSeconds, done);
    }

    /// <summary>The median row; with an even count, the mean of the middle two.</summary>
    private static Row Median(List<Row> rows)
    {
        var sorted = rows.OrderBy(row => row.TextsPerSecond).ToArray();
        var (low, high) = (sorted[(sorted.Length - 1) / 2], sorted[sorted.Length / 2]);
        return low with
        {
            TextsPerSecond = (low.TextsPerSecond + high.TextsPerSecond) / 2,
            CpuMicrosecondsPerText = (low.CpuMicrosecondsPerText + high.CpuMicrosecondsPerText) / 2,
        };
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return (sorted[(sorted.Length - 1) / 2] + sorted[sorted.Length / 2]) / 2;
    }

    private static string RawMode(OnnxEmbeddingModel session, int batchSize) => $"(a) raw ONNX Runtime, batch {batchSize}, {Threads(session)}";

    private static string Threads(OnnxEmbeddingModel session) =>
        session.IntraOpThreads == 0 ? "ORT's threads" : $"{session.IntraOpThreads} intra-op thread(s)";

    private static void Print(Row row) =>
        Console.WriteLine($"| {row.Mode,-56} | {row.TextsPerSecond,9:N0} | {row.CpuMicrosecondsPerText,11:N1} | {row.Note}");

    private static EmbeddingBatchStatistics Delta(EmbeddingBatchStatistics after, EmbeddingBatchStatistics before) =>
        new(after.Batches - before.Batches, after.Texts - before.Texts, after.LargestBatch);

}
