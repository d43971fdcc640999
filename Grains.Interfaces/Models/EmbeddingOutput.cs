namespace OrleansNlp.Models;

/// <summary>Output of the embedding stage; the job keeps it as a checkpoint so recovery never re-embeds.</summary>
[GenerateSerializer, Immutable, Alias("OrleansNlp.EmbeddingOutput")]
public sealed record EmbeddingOutput(
    [property: Id(0)] string Model,
    [property: Id(1)] int Dimensions,
    [property: Id(2)] IReadOnlyList<EmbeddedChunk> Chunks,
    [property: Id(3)] float[] DocumentVector,
    [property: Id(4)] float[]? InstructionVector)
{
    /// <summary>The inference time these vectors took (not the time spent queued): what redoing the stage would cost.</summary>
    [Id(5)]
    public TimeSpan WorkTime { get; init; }

    /// <summary>When asked for (<see cref="EmbeddingRequest.WithSentences"/>) and the text has 2 to
    /// <see cref="MaxSentenceVectors"/> sentences: one vector per sentence of the chunks, in text order (each chunk
    /// split by <c>SentenceSplitter</c>); otherwise null, and the summary embeds what it ranks itself.</summary>
    [Id(6)]
    public IReadOnlyList<float[]>? SentenceVectors { get; init; }

    /// <summary>The most sentences the embedding stage embeds for a summary (the summary's own bound).</summary>
    public const int MaxSentenceVectors = 256;
}
