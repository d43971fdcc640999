namespace OrleansNlp.Models;

/// <summary>How many jobs the status index lists under each status.</summary>
[GenerateSerializer, Immutable, Alias("OrleansNlp.JobCounts")]
public sealed record JobCounts(
    [property: Id(0)] long Pending,
    [property: Id(1)] long Processing,
    [property: Id(2)] long Completed,
    [property: Id(3)] long Failed,
    [property: Id(4)] long Cancelled);
