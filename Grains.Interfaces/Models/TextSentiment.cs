namespace OrleansNlp.Models;

/// <summary>The sentiment of a text (label positive|neutral|negative, score -1..1, method "vader" or "llm"), or, when no
/// method applies, nulls and the reason.</summary>
[GenerateSerializer, Immutable, Alias("OrleansNlp.TextSentiment")]
public sealed record TextSentiment(
    [property: Id(0)] string? Label,
    [property: Id(1)] double? Score,
    [property: Id(2)] string? Method,
    [property: Id(3)] string? Reason = null)
{
    /// <summary>positive above 0.05, negative below -0.05, neutral between: VADER's published thresholds on its compound
    /// score, used for every method so that labels mean the same.</summary>
    public static string LabelOf(double score) =>
        score >= 0.05 ? TextSentimentLabels.Positive : score <= -0.05 ? TextSentimentLabels.Negative : TextSentimentLabels.Neutral;
}

/// <summary>The labels and method names a sentiment carries.</summary>
public static class TextSentimentLabels
{
    public const string Positive = "positive";
    public const string Neutral = "neutral";
    public const string Negative = "negative";
    public const string VaderMethod = "vader";
    public const string LlmMethod = "llm";
}
