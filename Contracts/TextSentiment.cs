namespace OrleansNlp.Contracts;

/// <summary>The sentiment of a text: <see cref="Label"/> positive, neutral or negative, <see cref="Score"/> from -1 (most
/// negative) to 1, and the <see cref="Method"/> that judged it ("vader" or "llm"). When no method applies (a language the
/// built-in analyzer does not cover and no LLM provider), label, score and method are null and <see cref="Reason"/> says why.</summary>
public sealed record TextSentiment(string? Label, double? Score, string? Method, string? Reason = null)
{
    public const string Positive = "positive";
    public const string Neutral = "neutral";
    public const string Negative = "negative";
    public const string VaderMethod = "vader";
    public const string LlmMethod = "llm";
}
