using System.Diagnostics;
using System.Globalization;
using OrleansNlp.Analysis.Vader;
using OrleansNlp.Text;

namespace OrleansNlp.Bench;

/// <summary>
/// Cost of VADER per text on one thread, no silo: the lexicon's first read, then short texts (1-3 sentences of
/// <see cref="BenchCorpus"/>) and long documents (200 sentences), each for several rounds, median shown. The word
/// count every job already runs (<see cref="TextAnalyzer.Analyze"/>) is measured on the same texts for scale.
/// </summary>
public static class SentimentBenchmark
{
    public const string Usage = "sentiment [--seconds 2] [--rounds 5]";

    public static int Run(string[] args)
    {
        var options = new BenchArgs(args);
        var seconds = options.OptionalDouble("seconds") ?? 2;
        var rounds = options.Int("rounds", 5);
        options.RejectUnknown();
        if (rounds < 1 || seconds <= 0)
        {
            throw new ArgumentException("--rounds must be at least 1 and --seconds more than 0.");
        }

        var analyzer = new VaderAnalyzer();
        var load = Stopwatch.StartNew();
        var entries = analyzer.Lexicon.Count;
        Console.WriteLine($"lexicon: {entries:N0} entries read in {load.Elapsed.TotalMilliseconds:F1} ms (first use)");

        var shortTexts = BenchCorpus.Create(4096);
        var sentences = BenchCorpus.Sentences;
        var documents = Enumerable.Range(0, 16)
            .Select(d => string.Join(' ', Enumerable.Range(d, 200).Select(i => sentences[i % sentences.Length])))
            .ToArray();
        var duration = TimeSpan.FromSeconds(seconds);

        Console.WriteLine($"{"workload",-44} {"texts/s",12} {"µs/text",10} {"µs/1k chars",12} {"bytes/text",11}");
        Print("VADER whole text, short texts", Median(rounds, () => Measure(shortTexts, duration, text => analyzer.PolarityScores(text))));
        Print("VADER per sentence (Sentiment), short texts", Median(rounds, () => Measure(shortTexts, duration, text => analyzer.Sentiment(text))));
        Print("word count (TextAnalyzer), short texts", Median(rounds, () => Measure(shortTexts, duration, text => TextAnalyzer.Analyze(text))));
        Print("VADER whole text, 200 sentences", Median(rounds, () => Measure(documents, duration, text => analyzer.PolarityScores(text))));
        Print("VADER per sentence (Sentiment), 200 sentences", Median(rounds, () => Measure(documents, duration, text => analyzer.Sentiment(text))));
        Print("word count (TextAnalyzer), 200 sentences", Median(rounds, () => Measure(documents, duration, text => TextAnalyzer.Analyze(text))));
        Console.WriteLine($"short texts: mean {shortTexts.Average(text => text.Length):F0} chars; documents: mean {documents.Average(text => text.Length):F0} chars");
        return 0;
    }

    private sealed record Result(double TextsPerSecond, double MicrosecondsPerText, double MicrosecondsPerThousandChars, double BytesPerText);

    private static Result Measure<T>(string[] texts, TimeSpan duration, Func<string, T> analyze)
    {
        // Warm-up so that tiered compilation has settled before the clock runs.
        foreach (var text in texts.Take(256))
        {
            analyze(text);
        }

        var count = 0L;
        var chars = 0L;
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < duration)
        {
            var text = texts[count % texts.Length];
            analyze(text);
            count++;
            chars += text.Length;
        }

        var elapsed = clock.Elapsed.TotalMicroseconds;
        var bytes = GC.GetAllocatedBytesForCurrentThread() - allocated;
        return new Result(count / (elapsed / 1e6), elapsed / count, elapsed / chars * 1000, (double)bytes / count);
    }

    private static Result Median(int rounds, Func<Result> measure)
    {
        var results = Enumerable.Range(0, rounds).Select(_ => measure()).OrderBy(result => result.MicrosecondsPerText).ToArray();
        return results[results.Length / 2];
    }

    private static void Print(string workload, Result result) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{workload,-44} {result.TextsPerSecond,12:N0} {result.MicrosecondsPerText,10:F2} {result.MicrosecondsPerThousandChars,12:F2} {result.BytesPerText,11:N0}"));
}
