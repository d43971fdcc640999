namespace OrleansNlp.Client;

/// <summary>How many times each stage has started (more than one after a retry or a recovery).</summary>
public sealed record StageAttempts
{
    public int Embedding { get; init; }

    public int Llm { get; init; }
}
