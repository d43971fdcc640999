namespace OrleansNlp.Models;

/// <summary>Wall-clock milliseconds spent in each stage, retries included; null while a stage has not finished.</summary>
[GenerateSerializer, Immutable, Alias("OrleansNlp.StageTimings")]
public sealed record StageTimings(
    [property: Id(0)] double? EmbeddingMs,
    [property: Id(1)] double? LlmMs);
