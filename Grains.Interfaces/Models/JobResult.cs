namespace OrleansNlp.Models;

/// <summary>The output of a completed job.</summary>
[GenerateSerializer, Immutable, Alias("OrleansNlp.JobResult")]
public sealed record JobResult(
    [property: Id(0)] TextAnalysis Analysis,
    [property: Id(1)] EmbeddingSummary Embedding,
    [property: Id(2)] LlmOutput Llm);
