namespace OrleansNlp.Models;

/// <summary>Input of the LLM stage: the instruction and the embedding stage's output. AttemptTimeout limits the
/// attempt's work once it holds a slot of the silo's LLM capacity; waiting for the slot does not count.
/// SentimentLanguage asks a generative provider for the text's sentiment in the same call (a language the built-in
/// analyzer does not cover); null asks for none.</summary>
[GenerateSerializer, Immutable, Alias("OrleansNlp.LlmRequest")]
public sealed record LlmRequest(
    [property: Id(0)] string? Instruction,
    [property: Id(1)] EmbeddingOutput Embedding,
    [property: Id(2)] string? JobId = null,
    [property: Id(3)] JobPriority Priority = JobPriority.Normal,
    [property: Id(4)] TimeSpan? AttemptTimeout = null,
    [property: Id(5)] TextLanguage? SentimentLanguage = null);
