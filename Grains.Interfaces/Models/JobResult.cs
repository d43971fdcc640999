namespace OrleansNlp.Models;

/// <summary>The output of a completed job, with the text's language and sentiment (null when switched off). <see cref="Cached"/> says it was served from the result cache
/// (an earlier job with the same text, instruction and models) without running either stage.</summary>
[GenerateSerializer, Immutable, Alias("OrleansNlp.JobResult")]
public sealed record JobResult(
    [property: Id(0)] TextAnalysis Analysis,
    [property: Id(1)] EmbeddingSummary Embedding,
    [property: Id(2)] LlmOutput Llm,
    [property: Id(3)] bool Cached = false,
    [property: Id(4)] TextLanguage? Language = null,
    [property: Id(5)] TextSentiment? Sentiment = null);
