namespace OrleansNlp.Contracts;

/// <summary>The output of a completed job: word statistics, the embedding used, the LLM stage's output, the text's
/// language and sentiment (null when switched off by Analysis:Language / Analysis:Sentiment). <see cref="Cached"/> says
/// it was served from the result cache (an earlier job with the same text, instruction and models) without running
/// either stage.</summary>
public sealed record JobResult(
    TextAnalysis Analysis,
    EmbeddingSummary Embedding,
    LlmOutput Llm,
    bool Cached = false,
    TextLanguage? Language = null,
    TextSentiment? Sentiment = null);
