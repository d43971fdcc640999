using System.Collections.Concurrent;
using System.Diagnostics;
using Lingua;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OrleansNlp.Models;

namespace OrleansNlp.Analysis;

/// <summary>Language detection with Lingua (SearchPioneer.Lingua). The Lingua detector is built once per process for a
/// given set of languages and accuracy, on the thread pool, starting when this object is created: several silos in
/// one process (tests) share it, because a build takes seconds and hundreds of MB. <see cref="DetectAsync"/> waits for
/// the build only while it is still running.</summary>
public sealed class LinguaLanguageDetector : ILanguageDetector
{
    /// <summary>Only the start of a longer text is examined. Lingua's cost grows with the length (measured here: about
    /// 1.3 ms for a 100-character text, 19 ms for 2,900 characters, so a megabyte would cost the job seconds), while
    /// its low accuracy mode is already reliable from about 120 characters on (Lingua's documentation): 500 characters,
    /// a paragraph, decide the language of the text.</summary>
    public const int MaxExaminedLength = 500;

    private static readonly ConcurrentDictionary<string, Lazy<Task<LanguageDetector>>> Builds = new(StringComparer.Ordinal);

    private readonly Task<LanguageDetector> _detector;

    public LinguaLanguageDetector(IOptions<AnalysisOptions> options, ILogger<LinguaLanguageDetector>? logger = null)
    {
        var languages = options.Value.Languages
            .Select(code => code.Trim().ToLowerInvariant())
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToArray();
        var accuracy = options.Value.LanguageAccuracy;
        var key = $"{accuracy}:{string.Join(',', languages)}";
        var log = logger ?? NullLogger<LinguaLanguageDetector>.Instance;
        _detector = Builds.GetOrAdd(key, _ => new Lazy<Task<LanguageDetector>>(() => Task.Run(() => Build(languages, accuracy, log)))).Value;
    }

    /// <summary>Completes when the Lingua detector is ready (faults if it could not be built).</summary>
    public Task Ready => _detector;

    public async ValueTask<TextLanguage> DetectAsync(string text, CancellationToken cancellationToken = default)
    {
        var detector = _detector.IsCompletedSuccessfully ? _detector.Result : await _detector.WaitAsync(cancellationToken).ConfigureAwait(false);
        return Detect(detector, text);
    }

    private static TextLanguage Detect(LanguageDetector detector, string text)
    {
        var examined = text.Length <= MaxExaminedLength ? text : text[..CutAt(text, MaxExaminedLength)];
        var confidences = detector.ComputeLanguageConfidenceValues(examined);
        // Lingua returns the languages ranked, best first.
        return LanguageVerdict.Decide(confidences.Select(pair =>
            (LinguaLanguages.CodeOf(pair.Key), LinguaLanguages.NameOf(pair.Key), pair.Value)));
    }

    // Never between the two halves of a surrogate pair.
    private static int CutAt(string text, int length) => char.IsHighSurrogate(text[length - 1]) ? length - 1 : length;

    private static LanguageDetector Build(string[] codes, LanguageAccuracy accuracy, ILogger logger)
    {
        var stopwatch = Stopwatch.StartNew();
        var builder = codes.Length == 0
            ? LanguageDetectorBuilder.FromAllLanguages()
            : LanguageDetectorBuilder.FromLanguages(codes.Select(LinguaLanguages.FromCode).ToArray());
        if (accuracy == LanguageAccuracy.Low)
        {
            builder = builder.WithLowAccuracyMode();
        }

        try
        {
            // Preloaded: a job never waits for a model file to be read.
            var detector = builder.WithPreloadedLanguageModels().Build();
            logger.LogInformation("Language detector built in {ElapsedMs} ms: {Languages} languages, {Accuracy} accuracy",
                stopwatch.ElapsedMilliseconds, detector.Languages.Count, accuracy);
            return detector;
        }
        catch (Exception exception)
        {
            logger.LogError(exception, "Language detector could not be built ({Accuracy} accuracy, languages {Languages})",
                accuracy, codes.Length == 0 ? "all" : string.Join(',', codes));
            throw;
        }
    }
}
