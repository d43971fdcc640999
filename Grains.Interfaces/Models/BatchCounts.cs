namespace OrleansNlp.Models;

/// <summary>How many of a batch's jobs have each status (a job not created yet counts as pending).</summary>
[GenerateSerializer, Immutable, Alias("OrleansNlp.BatchCounts")]
public sealed record BatchCounts(
    [property: Id(0)] int Pending,
    [property: Id(1)] int Processing,
    [property: Id(2)] int Completed,
    [property: Id(3)] int Failed,
    [property: Id(4)] int Cancelled)
{
    public int Final => Completed + Failed + Cancelled;
}
