namespace OrleansNlp.Models;

/// <summary>Word statistics of a text: words lowercased, split on non-letters, English stop words removed.</summary>
[GenerateSerializer, Immutable, Alias("OrleansNlp.TextAnalysis")]
public sealed record TextAnalysis(
    [property: Id(0)] int WordCount,
    [property: Id(1)] IReadOnlyList<WordCount> TopWords);
