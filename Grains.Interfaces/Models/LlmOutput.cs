namespace OrleansNlp.Models;

/// <summary>Output of the LLM stage and who produced it. Token counts are null when no language model was called;
/// Sentiment is set when the request asked for it.</summary>
[GenerateSerializer, Immutable, Alias("OrleansNlp.LlmOutput")]
public sealed record LlmOutput(
    [property: Id(0)] string Provider,
    [property: Id(1)] string Model,
    [property: Id(2)] string Output,
    [property: Id(3)] int? PromptTokens,
    [property: Id(4)] int? CompletionTokens,
    [property: Id(5)] TextSentiment? Sentiment = null);
