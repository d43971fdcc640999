using System.Collections.Immutable;

namespace OrleansNlp.Models;

/// <summary>One generation call of a dataset job: <see cref="Count"/> more rows of the dataset <see cref="Name"/>
/// (columns <see cref="FieldsJson"/>) answering <see cref="Query"/>, none of whose <see cref="KeyField"/> values is
/// among <see cref="Avoid"/> (the rows the job already has). Waits for an LLM capacity slot like the LLM stage.</summary>
[GenerateSerializer, Immutable, Alias("OrleansNlp.DatasetChunkRequest")]
public sealed record DatasetChunkRequest(
    [property: Id(0)] string JobId,
    [property: Id(1)] string Query,
    [property: Id(2)] string Name,
    [property: Id(3)] string FieldsJson,
    [property: Id(4)] int Count,
    [property: Id(5)] string? KeyField,
    [property: Id(6)] ImmutableArray<string> Avoid,
    [property: Id(7)] JobPriority Priority = JobPriority.Normal,
    [property: Id(8)] TimeSpan? AttemptTimeout = null);
