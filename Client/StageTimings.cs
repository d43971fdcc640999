namespace OrleansNlp.Client;

/// <summary>Wall-clock milliseconds spent in each stage; null while a stage has not finished.</summary>
public sealed record StageTimings
{
    public double? EmbeddingMs { get; init; }

    public double? LlmMs { get; init; }
}
