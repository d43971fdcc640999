namespace OrleansNlp.Models;

/// <summary>How many times each stage has been started for a job (more than one after a retry or a recovery).</summary>
[GenerateSerializer, Immutable, Alias("OrleansNlp.StageAttempts")]
public sealed record StageAttempts(
    [property: Id(0)] int Embedding = 0,
    [property: Id(1)] int Llm = 0);
