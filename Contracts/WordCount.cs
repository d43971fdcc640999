namespace OrleansNlp.Contracts;

/// <summary>A word and how often it occurs in the text.</summary>
public sealed record WordCount(string Word, int Count);
