using System.Diagnostics;
using Microsoft.Extensions.Options;
using OrleansNlp.Analysis;
using OrleansNlp.Text;

namespace OrleansNlp.Bench;

/// <summary>
/// Cost per text of the analysis parts, on one thread: the Lingua build (time and memory), language detection of
/// short texts and of long ones (only the first <see cref="LinguaLanguageDetector.MaxExaminedLength"/> characters are
/// examined), and the word statistics with English and with per-language stop words. Each mode runs for
/// <c>--seconds</c> in each of <c>--rounds</c> rounds; the table shows the medians.
/// </summary>
public static class AnalysisBenchmark
{
    public const string Usage = "analysis [--seconds 2] [--rounds 3] [--accuracy low|high] [--languages en,de,...]";

    // One or two sentences in each of ten languages (the unit tests' languages).
    private static readonly (string Code, string Text)[] Multilingual =
    [
        ("en", "The river flows past the old mill. The river is wide and calm in the summer."),
        ("de", "Der Hund spielt im Garten. Der Hund ist sehr freundlich und liebt die Kinder der Nachbarn."),
        ("fr", "Le chat dort sur le canapé. Le chat aime le soleil et mange du poisson."),
        ("es", "El perro corre en el parque. El perro es muy rápido y juega con los niños."),
        ("ru", "Кошка спит на диване. Кошка любит молоко и играет на ковре с мячом."),
        ("ar", "الكتاب على الطاولة في الغرفة. قرأت الكتاب في المساء، والكتاب ممتع جدا."),
        ("zh", "我们爱北京。北京是中国的首都。我们在北京工作。北京有很多公园。"),
        ("ja", "私は東京に住んでいます。東京タワーは有名な観光地です。"),
        ("ko", "서울은 한국의 수도입니다. 그 도시에는 사람들이 많이 삽니다."),
        ("th", "ฉันไปกรุงเทพกับแม่ กรุงเทพสวยมาก ฉันชอบกรุงเทพ"),
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        var options = new BenchArgs(args);
        var seconds = options.OptionalDouble("seconds") ?? 2;
        var rounds = options.Int("rounds", 3);
        var accuracy = Enum.Parse<LanguageAccuracy>(options.String("accuracy") ?? "low", ignoreCase: true);
        var settings = new AnalysisOptions { LanguageAccuracy = accuracy, Languages = options.List("languages") };
        options.RejectUnknown();
        var invalid = new AnalysisOptionsValidator().Validate(null, settings);
        if (invalid.Failed)
        {
            throw new ArgumentException(invalid.FailureMessage);
        }

        var english = BenchCorpus.Create(1024);
        var multilingual = Multilingual.Select(entry => entry.Text).ToArray();
        var longTexts = Enumerable.Range(0, 16).Select(i => string.Join(' ', BenchCorpus.Sentences.Skip(i).Concat(BenchCorpus.Sentences.Take(i)))).ToArray();

        var memoryBefore = GC.GetTotalMemory(forceFullCollection: true);
        var stopwatch = Stopwatch.StartNew();
        var detector = new LinguaLanguageDetector(Options.Create(settings));
        await detector.Ready;
        var buildMs = stopwatch.ElapsedMilliseconds;
        var memoryAfter = GC.GetTotalMemory(forceFullCollection: true);
        StopWords.EnsureLoaded();
        var languages = multilingual.Select(text => detector.DetectAsync(text).AsTask().Result.Code).ToArray();

        Console.WriteLine($"Lingua detector ({accuracy} accuracy, {(settings.Languages.Length == 0 ? "every language" : string.Join(',', settings.Languages))}): " +
            $"built in {buildMs:N0} ms, managed heap +{(memoryAfter - memoryBefore) / 1e6:N0} MB, process working set {Environment.WorkingSet / 1e6:N0} MB");
        Console.WriteLine($"Detected: {string.Join(' ', Multilingual.Select((entry, i) => $"{entry.Code}→{languages[i] ?? "null"}"))}");
        Console.WriteLine($"English corpus: {english.Length} texts of {english.Min(text => text.Length)}-{english.Max(text => text.Length)} characters; " +
            $"long texts: {longTexts[0].Length:N0} characters");

        var modes = new (string Name, string[] Texts, Action<string, int> Run)[]
        {
            ("detect: English, 1-3 sentences", english, (text, _) => detector.DetectAsync(text).AsTask().Wait()),
            ("detect: 10 languages, 1-4 sentences", multilingual, (text, _) => detector.DetectAsync(text).AsTask().Wait()),
            ($"detect: {longTexts[0].Length:N0}-character texts", longTexts, (text, _) => detector.DetectAsync(text).AsTask().Wait()),
            ("analyze: English, English stop words", english, (text, _) => TextAnalyzer.Analyze(text)),
            ("analyze: 10 languages, their stop words", multilingual, (text, i) => TextAnalyzer.Analyze(text, languages[i])),
            ($"analyze: {longTexts[0].Length:N0}-character English texts", longTexts, (text, _) => TextAnalyzer.Analyze(text, "en")),
        };

        var results = modes.Select(_ => new List<Row>()).ToArray();
        for (var round = 0; round < rounds; round++)
        {
            for (var m = 0; m < modes.Length; m++)
            {
                var (name, texts, run) = modes[m];
                results[m].Add(Row.Measure(name, () => Loop(texts, run, seconds)));
            }
        }

        Console.WriteLine();
        Console.WriteLine($"| {"mode (one thread)",-44} | {"texts/s",9} | {"CPU µs/text",11} |");
        Console.WriteLine($"| {new string('-', 44)} | {new string('-', 9)} | {new string('-', 11)} |");
        foreach (var rows in results)
        {
            var median = rows.OrderBy(row => row.TextsPerSecond).ElementAt(rows.Count / 2);
            Console.WriteLine($"| {median.Mode,-44} | {median.TextsPerSecond,9:N0} | {median.CpuMicrosecondsPerText,11:N1} |");
        }

        return 0;
    }

    private static (double TextsPerSecond, long Texts) Loop(string[] texts, Action<string, int> run, double seconds)
    {
        var stopwatch = Stopwatch.StartNew();
        long count = 0;
        while (stopwatch.Elapsed.TotalSeconds < seconds)
        {
            var i = (int)(count % texts.Length);
            run(texts[i], i);
            count++;
        }

        return (count / stopwatch.Elapsed.TotalSeconds, count);
    }
}
