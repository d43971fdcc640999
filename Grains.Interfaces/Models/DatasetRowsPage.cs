using System.Collections.Immutable;

namespace OrleansNlp.Models;

/// <summary>Rows of a completed dataset from an offset (each a JSON object as text) and how many it has in all.</summary>
[GenerateSerializer, Immutable, Alias("OrleansNlp.DatasetRowsPage")]
public sealed record DatasetRowsPage(
    [property: Id(0)] int Total,
    [property: Id(1)] ImmutableArray<string> Rows);
