namespace OrleansNlp.Analysis;

/// <summary>Text analysis settings, bound from the "Analysis" configuration section.</summary>
public sealed class AnalysisOptions
{
    public const string SectionName = "Analysis";

    /// <summary>Detect each text's language (result.language) and count words with that language's stop words.</summary>
    public bool Language { get; set; } = true;

    /// <summary>Judge each text's sentiment (result.sentiment).</summary>
    public bool Sentiment { get; set; } = true;

    /// <summary>ISO 639-1 codes of the candidate languages; empty means every language the detector supports.</summary>
    public string[] Languages { get; set; } = [];

    /// <summary>Low (the default: fast, a few hundred MB per silo) or high (slower, several GB with every language).</summary>
    public LanguageAccuracy LanguageAccuracy { get; set; } = LanguageAccuracy.Low;
}

public enum LanguageAccuracy
{
    Low,
    High,
}
