using System.Collections.Immutable;

namespace OrleansNlp.Models;

/// <summary>A completed dataset: its rows (each a JSON object as text), the rows the model got wrong, and the model
/// that wrote them.</summary>
[GenerateSerializer, Immutable, Alias("OrleansNlp.DatasetResult")]
public sealed record DatasetResult(
    [property: Id(0)] string Name,
    [property: Id(1)] ImmutableArray<string> Rows,
    [property: Id(2)] string FieldsJson,
    [property: Id(3)] ImmutableArray<InvalidRow> InvalidRows,
    [property: Id(4)] string? Model);
