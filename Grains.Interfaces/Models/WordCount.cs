namespace OrleansNlp.Models;

/// <summary>A word and how often it occurs.</summary>
[GenerateSerializer, Immutable, Alias("OrleansNlp.WordCount")]
public sealed record WordCount(
    [property: Id(0)] string Word,
    [property: Id(1)] int Count);
