using System.Collections.Immutable;

namespace OrleansNlp.Models;

/// <summary>A generated row that did not fit the schema: the row as written (JSON text) and what is wrong with it.</summary>
[GenerateSerializer, Immutable, Alias("OrleansNlp.InvalidRow")]
public sealed record InvalidRow(
    [property: Id(0)] string RowJson,
    [property: Id(1)] ImmutableArray<string> Errors);
