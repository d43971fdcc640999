using System.Text.Json.Serialization;

namespace OrleansNlp.Contracts;

/// <summary>One column of a dataset (POST /api/datasets "fields").</summary>
/// <param name="Name">A unique identifier: a letter or underscore, then letters, digits or underscores (at most 64).</param>
/// <param name="Type">str, int, float, bool, date (yyyy-MM-dd), list[str] or enum (then <paramref name="Values"/> lists the allowed strings).</param>
/// <param name="Description">What the column holds; the model reads it.</param>
/// <param name="Required">A row without a value here is invalid; the first required field also identifies a row (duplicates are dropped).</param>
/// <param name="Values">The allowed values of an enum field.</param>
public sealed record DatasetField(
    string? Name,
    string? Type,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Description = null,
    bool Required = false,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Values = null);
