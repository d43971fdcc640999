namespace OrleansNlp.Models;

/// <summary>A piece of the text (a sentence or a few) with its unit-length vector.</summary>
[GenerateSerializer, Immutable, Alias("OrleansNlp.EmbeddedChunk")]
public sealed record EmbeddedChunk(
    [property: Id(0)] string Text,
    [property: Id(1)] float[] Vector);
