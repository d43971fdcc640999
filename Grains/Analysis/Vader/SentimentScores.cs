using OrleansNlp.Models;

namespace OrleansNlp.Analysis.Vader;

/// <summary>VADER's scores for one text, rounded as the reference implementation rounds them: the proportions of
/// negative, neutral and positive words (3 decimals, summing to about 1) and the compound score (-1..1, 4 decimals),
/// the normalised sum of every word's valence after the rules.</summary>
public readonly record struct SentimentScores(double Negative, double Neutral, double Positive, double Compound)
{
    public static readonly SentimentScores None = new(0, 0, 0, 0);

    /// <summary>positive, neutral or negative by VADER's ±0.05 thresholds on <see cref="Compound"/>.</summary>
    public string Label => TextSentiment.LabelOf(Compound);
}
