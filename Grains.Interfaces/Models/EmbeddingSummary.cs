namespace OrleansNlp.Models;

/// <summary>What the result says about the embedding stage: which model, its dimensions and how many chunks were embedded.</summary>
[GenerateSerializer, Immutable, Alias("OrleansNlp.EmbeddingSummary")]
public sealed record EmbeddingSummary(
    [property: Id(0)] string Model,
    [property: Id(1)] int Dimensions,
    [property: Id(2)] int Chunks);
