using System.Collections.Immutable;

namespace OrleansNlp.Models;

/// <summary>What one generation call returned: the rows as the model wrote them (each JSON text, not yet validated)
/// and the model that answered.</summary>
[GenerateSerializer, Immutable, Alias("OrleansNlp.DatasetChunk")]
public sealed record DatasetChunk(
    [property: Id(0)] string Model,
    [property: Id(1)] ImmutableArray<string> Rows);
