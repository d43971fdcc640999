namespace OrleansNlp.Models;

/// <summary>Input of the embedding stage. AttemptTimeout limits the attempt's work (Jobs:StageTimeout). WithSentences
/// also embeds the text's sentences, in the same call, for the built-in extractive summary
/// (<see cref="EmbeddingOutput.SentenceVectors"/>).</summary>
[GenerateSerializer, Immutable, Alias("OrleansNlp.EmbeddingRequest")]
public sealed record EmbeddingRequest(
    [property: Id(0)] string Text,
    [property: Id(1)] string? Instruction,
    [property: Id(2)] string? JobId = null,
    [property: Id(3)] TimeSpan? AttemptTimeout = null,
    [property: Id(4)] bool WithSentences = false);
