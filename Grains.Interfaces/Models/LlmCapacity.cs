namespace OrleansNlp.Models;

/// <summary>A silo's LLM gate: calls holding a slot, slots in all (Llm:MaxConcurrencyPerSilo), calls waiting for one.</summary>
[GenerateSerializer, Immutable, Alias("OrleansNlp.LlmCapacity")]
public sealed record LlmCapacity(
    [property: Id(0)] int InUse,
    [property: Id(1)] int Capacity,
    [property: Id(2)] int Waiting);
