namespace OrleansNlp.Contracts;

/// <summary>What a batch's completed jobs found: how many texts are in each language (ISO 639-1 code; a job whose
/// language is unknown or switched off counts under no code), and how many are positive, neutral or negative (a job
/// without a sentiment label counts under none).</summary>
public sealed record BatchSummary(IReadOnlyDictionary<string, int> Languages, SentimentCounts Sentiment);

/// <summary>How many of a batch's completed jobs have each sentiment label.</summary>
public sealed record SentimentCounts(int Positive, int Neutral, int Negative);
