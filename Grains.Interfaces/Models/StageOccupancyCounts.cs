namespace OrleansNlp.Models;

/// <summary>Unfinished jobs held by a silo (or a cluster), by where they are: <see cref="Queued"/> pending (accepted or
/// reopened, not started), <see cref="Embedding"/> and <see cref="Llm"/> processing at that stage (waiting for the
/// worker or running).</summary>
[GenerateSerializer, Immutable, Alias("OrleansNlp.StageOccupancyCounts")]
public sealed record StageOccupancyCounts(
    [property: Id(0)] long Queued,
    [property: Id(1)] long Embedding,
    [property: Id(2)] long Llm)
{
    public static readonly StageOccupancyCounts None = new(0, 0, 0);

    public StageOccupancyCounts Plus(StageOccupancyCounts other) =>
        new(Queued + other.Queued, Embedding + other.Embedding, Llm + other.Llm);
}
