using System.Text.Json;
using System.Text.Json.Serialization;

namespace OrleansNlp.Contracts;

/// <summary>The output of a completed job. A text job has word statistics, the embedding used, the LLM stage's output,
/// the text's language and sentiment (null when switched off by Analysis:Language / Analysis:Sentiment);
/// <see cref="Cached"/> says it was served from the result cache without running either stage. A dataset job has
/// <see cref="Name"/>, <see cref="Rows"/>, <see cref="Fields"/>, <see cref="InvalidRows"/> and <see cref="Model"/>
/// instead (the text job's fields are left out).</summary>
public sealed record JobResult(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] TextAnalysis? Analysis,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] EmbeddingSummary? Embedding,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] LlmOutput? Llm,
    bool Cached = false,
    TextLanguage? Language = null,
    TextSentiment? Sentiment = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Name = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<JsonElement>? Rows = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<DatasetField>? Fields = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<InvalidDatasetRow>? InvalidRows = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Model = null);
