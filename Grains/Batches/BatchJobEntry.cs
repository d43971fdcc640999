namespace OrleansNlp.Batches;

/// <summary>What a batch knows of one of its jobs: its status at a version of the job (0: not known to exist), and for
/// a completed job its language code and sentiment label.</summary>
[GenerateSerializer, Immutable, Alias("OrleansNlp.BatchJobEntry")]
public sealed record BatchJobEntry(
    [property: Id(0)] JobStatus Status,
    [property: Id(1)] long Version,
    [property: Id(2)] string? Language = null,
    [property: Id(3)] string? Sentiment = null)
{
    public static readonly BatchJobEntry Unknown = new(JobStatus.Pending, 0);

    public bool IsFinal => Status.IsFinal();
}
