namespace OrleansNlp.Contracts;

/// <summary>How many times each stage has started (more than one after a retry or a recovery).</summary>
public sealed record StageAttempts(int Embedding = 0, int Llm = 0);
