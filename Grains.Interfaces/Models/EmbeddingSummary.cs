using System.Text.Json.Serialization;

namespace OrleansNlp.Models;

/// <summary>What the result says about the embedding stage: which model, its dimensions, how many chunks were
/// embedded, and the document vector (kept with the result; in JSON only when asked for with ?include=vector).</summary>
[GenerateSerializer, Immutable, Alias("OrleansNlp.EmbeddingSummary")]
public sealed record EmbeddingSummary(
    [property: Id(0)] string Model,
    [property: Id(1)] int Dimensions,
    [property: Id(2)] int Chunks,
    [property: Id(3), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] float[]? Vector = null);
