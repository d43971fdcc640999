namespace OrleansNlp.Models;

/// <summary>What a dataset job generates: <see cref="Rows"/> rows of the table <see cref="Name"/>, whose columns are
/// <see cref="FieldsJson"/> (the validated "fields" array as compact JSON, so that two equal requests compare equal).</summary>
[GenerateSerializer, Immutable, Alias("OrleansNlp.DatasetSpec")]
public sealed record DatasetSpec(
    [property: Id(0)] string Name,
    [property: Id(1)] int Rows,
    [property: Id(2)] string FieldsJson);
