using OrleansNlp.Models;

namespace OrleansNlp.Analysis;

/// <summary>The detector when Analysis:Language is false: every text gets a null code, at no cost.</summary>
public sealed class DisabledLanguageDetector : ILanguageDetector
{
    public static DisabledLanguageDetector Instance { get; } = new();

    public ValueTask<TextLanguage> DetectAsync(string text, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(LanguageVerdict.Unknown);
}
