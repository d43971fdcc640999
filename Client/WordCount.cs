namespace OrleansNlp.Client;

/// <summary>A word and how often it occurs in the text.</summary>
public sealed record WordCount
{
    public string Word { get; init; } = "";

    public int Count { get; init; }
}
