namespace OrleansNlp.Models;

/// <summary>Languages (ISO 639-1 code → completed jobs) and sentiment labels of a batch's completed jobs.</summary>
[GenerateSerializer, Immutable, Alias("OrleansNlp.BatchSummary")]
public sealed record BatchSummary(
    [property: Id(0)] Dictionary<string, int> Languages,
    [property: Id(1)] int Positive,
    [property: Id(2)] int Neutral,
    [property: Id(3)] int Negative);
