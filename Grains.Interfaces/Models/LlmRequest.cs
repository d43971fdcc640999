namespace OrleansNlp.Models;

/// <summary>Input of the LLM stage: the instruction and the embedding stage's output.</summary>
[GenerateSerializer, Immutable, Alias("OrleansNlp.LlmRequest")]
public sealed record LlmRequest(
    [property: Id(0)] string? Instruction,
    [property: Id(1)] EmbeddingOutput Embedding,
    [property: Id(2)] string? JobId = null,
    [property: Id(3)] JobPriority Priority = JobPriority.Normal);
