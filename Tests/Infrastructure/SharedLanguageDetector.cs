using Microsoft.Extensions.Options;
using OrleansNlp.Analysis;

namespace OrleansNlp.Tests.Infrastructure;

/// <summary>The one Lingua detector of the test process (every language, low accuracy: the defaults). Building it takes
/// about two seconds and 300 MB, so every test shares it; silos started in this process with the default settings
/// get the same underlying Lingua detector.</summary>
public static class SharedLanguageDetector
{
    public static LinguaLanguageDetector Instance { get; } = new(Options.Create(new AnalysisOptions()));
}
