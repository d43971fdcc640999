namespace OrleansNlp.Models;

/// <summary>The silo (its address, as <c>SiloAddress.ToParsableString()</c> writes it) that ran the latest attempt of
/// each stage; null for a stage that has not started.</summary>
[GenerateSerializer, Immutable, Alias("OrleansNlp.StageSilos")]
public sealed record StageSilos(
    [property: Id(0)] string? Embedding = null,
    [property: Id(1)] string? Llm = null);
