using System.Collections.Immutable;
using OrleansNlp.Models;

namespace OrleansNlp.Datasets;

/// <summary>A dataset under generation, persisted after every chunk of rows: what a resumed job continues from.</summary>
[GenerateSerializer, Immutable, Alias("OrleansNlp.DatasetDraft")]
public sealed record DatasetDraft(
    [property: Id(0)] ImmutableArray<string> Rows,
    [property: Id(1)] ImmutableArray<InvalidRow> InvalidRows,
    [property: Id(2)] int Calls,
    [property: Id(3)] string? Model)
{
    public static DatasetDraft Empty { get; } = new([], [], 0, null);
}
