namespace OrleansNlp.Contracts;

/// <summary>Wall-clock milliseconds spent in each stage, retries included; null while a stage has not finished.</summary>
public sealed record StageTimings(double? EmbeddingMs, double? LlmMs);
