namespace OrleansNlp.Models;

/// <summary>One page of job ids from the status index, newest first; NextCursor is null on the last page.</summary>
[GenerateSerializer, Immutable, Alias("OrleansNlp.JobPage")]
public sealed record JobPage(
    [property: Id(0)] IReadOnlyList<string> JobIds,
    [property: Id(1)] string? NextCursor);
