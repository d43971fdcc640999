using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using OrleansNlp.Datasets;

namespace OrleansNlp.Tests.Infrastructure;

/// <summary>The fake server's answer to a dataset generation request: the number of rows the prompt asks for
/// ("Rows to generate: N"), each filled from the row's JSON schema with values numbered by a counter shared by all
/// calls, so that no two rows ever repeat a value: string "name-7", integer 7, number 7.25, boolean, date 2020-01-01
/// plus 7 days, list ["name-7-a", "name-7-b"], enum value 7 mod the count.</summary>
public sealed partial class FakeDatasetRows
{
    private int _sequence;

    public string Answer(JsonElement rowSchema, string prompt)
    {
        var count = int.Parse(CountLine().Match(prompt).Groups[1].Value, CultureInfo.InvariantCulture);
        var rows = new JsonArray();
        for (var index = 0; index < count; index++)
        {
            var number = Interlocked.Increment(ref _sequence);
            var row = new JsonObject();
            foreach (var property in rowSchema.GetProperty("properties").EnumerateObject())
            {
                row[property.Name] = Value(property.Name, property.Value, number);
            }

            rows.Add(row);
        }

        return new JsonObject { ["rows"] = rows }.ToJsonString();
    }

    private static JsonNode? Value(string name, JsonElement schema, int number)
    {
        if (schema.TryGetProperty("enum", out var values))
        {
            var allowed = values.EnumerateArray().Where(value => value.ValueKind == JsonValueKind.String).Select(value => value.GetString()!).ToArray();
            return allowed[number % allowed.Length];
        }

        var type = schema.GetProperty("type") is { ValueKind: JsonValueKind.Array } types ? types[0].GetString() : schema.GetProperty("type").GetString();
        return type switch
        {
            "integer" => number,
            "number" => number + 0.25,
            "boolean" => number % 2 == 0,
            "array" => new JsonArray($"{name}-{number}-a", $"{name}-{number}-b"),
            // The client library may drop "format" from the schema; the description still says it is a date.
            "string" when (schema.TryGetProperty("format", out var format) && format.GetString() == "date")
                          || (schema.TryGetProperty("description", out var description) && description.GetString()!.Contains("yyyy-MM-dd"))
                => new DateOnly(2020, 1, 1).AddDays(number).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            _ => $"{name}-{number}",
        };
    }

    [GeneratedRegex(DatasetPrompt.CountLine + @"(\d+)")]
    private static partial Regex CountLine();
}
