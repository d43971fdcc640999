namespace OrleansNlp.Client;

/// <summary>The output of a completed job: word statistics, the embedding used and the LLM stage's output.</summary>
public sealed record JobResult
{
    public TextAnalysis? Analysis { get; init; }

    public EmbeddingSummary? Embedding { get; init; }

    public LlmOutput? Llm { get; init; }
}
