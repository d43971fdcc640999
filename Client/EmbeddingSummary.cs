namespace OrleansNlp.Client;

/// <summary>Which embedding model the job used, its dimensions and how many chunks were embedded.</summary>
public sealed record EmbeddingSummary
{
    public string Model { get; init; } = "";

    public int Dimensions { get; init; }

    public int Chunks { get; init; }
}
