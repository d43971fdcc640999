namespace OrleansNlp.Contracts;

/// <summary>Jobs waiting per stage: <see cref="Pending"/> accepted but not started (from the status index),
/// <see cref="Embedding"/> and <see cref="Llm"/> at that stage on the active silos (queued for the worker or running).</summary>
public sealed record StageQueues(long Pending, long Embedding, long Llm);
