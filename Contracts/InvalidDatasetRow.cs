using System.Text.Json;

namespace OrleansNlp.Contracts;

/// <summary>A row the model generated that did not fit the schema (kept out of the dataset, reported in the result).</summary>
/// <param name="Row">The row as the model wrote it.</param>
/// <param name="Errors">What is wrong, one entry per field ("year: expected int").</param>
public sealed record InvalidDatasetRow(JsonElement Row, IReadOnlyList<string> Errors);
