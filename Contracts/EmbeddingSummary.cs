using System.Text.Json.Serialization;

namespace OrleansNlp.Contracts;

/// <summary>Which embedding model the job used, its dimensions, how many chunks were embedded, and the document
/// vector, which is only sent when asked for (GET /api/jobs/{id}?include=vector).</summary>
public sealed record EmbeddingSummary(
    string Model,
    int Dimensions,
    int Chunks,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] float[]? Vector = null);
