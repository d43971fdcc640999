using OrleansNlp.Models;

namespace OrleansNlp.Analysis;

/// <summary>Detects a text's language. One per silo process, built once off the grain scheduler; detection waits for
/// the build only the first time.</summary>
public interface ILanguageDetector
{
    ValueTask<TextLanguage> DetectAsync(string text, CancellationToken cancellationToken = default);
}
