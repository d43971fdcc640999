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
}
