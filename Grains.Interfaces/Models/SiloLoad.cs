namespace OrleansNlp.Models;

/// <summary>What one silo is doing now: its unfinished jobs by stage, its LLM gate, and the jobs it completed lately.
/// Read from counters the silo maintains as jobs move, never by scanning.</summary>
[GenerateSerializer, Immutable, Alias("OrleansNlp.SiloLoad")]
public sealed record SiloLoad(
    [property: Id(0)] StageOccupancyCounts Jobs,
    [property: Id(1)] LlmCapacity Llm,
    [property: Id(2)] CompletionSeries Completions);
