namespace OrleansNlp.Models;

/// <summary>Input of the embedding stage.</summary>
[GenerateSerializer, Immutable, Alias("OrleansNlp.EmbeddingRequest")]
public sealed record EmbeddingRequest(
    [property: Id(0)] string Text,
    [property: Id(1)] string? Instruction,
    [property: Id(2)] string? JobId = null);
