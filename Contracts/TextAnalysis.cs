namespace OrleansNlp.Contracts;

/// <summary>Word statistics of the text (lowercased, stop words removed): the word count and the most frequent words.</summary>
public sealed record TextAnalysis(int WordCount, IReadOnlyList<WordCount> TopWords);
