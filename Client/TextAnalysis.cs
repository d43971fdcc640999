namespace OrleansNlp.Client;

/// <summary>Word statistics of the text (stop words removed): the word count and the most frequent words.</summary>
public sealed record TextAnalysis
{
    public int WordCount { get; init; }

    public IReadOnlyList<WordCount> TopWords { get; init; } = [];
}
