namespace OrleansNlp.Contracts;

/// <summary>A silo's LLM capacity: calls holding a slot, slots in all (Llm:MaxConcurrencyPerSilo), calls waiting.</summary>
public sealed record SiloLlmCapacity(int InUse, int Capacity, int Waiting);
