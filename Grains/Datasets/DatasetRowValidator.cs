using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Json;
using OrleansNlp.Contracts;

namespace OrleansNlp.Datasets;

/// <summary>Checks a generated row against the dataset's fields (type, required, enum values) and writes the valid ones
/// in a normal form: exactly the dataset's fields in their order, enum values spelled as declared, other properties
/// dropped.</summary>
public static class DatasetRowValidator
{
    /// <summary>The row in normal form, or the errors that make it invalid (one per field).</summary>
    public static (string? Row, ImmutableArray<string> Errors) Validate(string rowJson, DatasetSchema schema)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(rowJson);
        }
        catch (JsonException)
        {
            return (null, ["the row is not JSON"]);
        }

        using (document)
        {
            return Validate(document.RootElement, schema);
        }
    }

    public static (string? Row, ImmutableArray<string> Errors) Validate(JsonElement row, DatasetSchema schema)
    {
        if (row.ValueKind != JsonValueKind.Object)
        {
            return (null, [$"the row is a JSON {row.ValueKind.ToString().ToLowerInvariant()}, not an object"]);
        }

        var errors = ImmutableArray.CreateBuilder<string>();
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var field in schema.Fields)
            {
                writer.WritePropertyName(field.Name!);
                if (!row.TryGetProperty(field.Name!, out var value) || value.ValueKind == JsonValueKind.Null || IsBlank(value))
                {
                    if (field.Required)
                    {
                        errors.Add($"{field.Name}: required");
                    }

                    writer.WriteNullValue();
                    continue;
                }

                if (WriteValue(writer, field, value) is { } error)
                {
                    errors.Add($"{field.Name}: {error}");
                }
            }

            writer.WriteEndObject();
        }

        return errors.Count > 0 ? (null, errors.ToImmutable()) : (Encoding.UTF8.GetString(buffer.ToArray()), []);
    }

    /// <summary>What identifies a row among the others: its key field's value (strings compared trimmed, ignoring
    /// case); null when the dataset has no required field.</summary>
    public static string? KeyOf(string normalRow, DatasetSchema schema)
    {
        if (schema.KeyField is not { } key)
        {
            return null;
        }

        using var document = JsonDocument.Parse(normalRow);
        var value = document.RootElement.GetProperty(key);
        return value.ValueKind == JsonValueKind.String ? value.GetString()!.Trim().ToLowerInvariant() : value.GetRawText();
    }

    /// <summary>Writes the value in normal form; returns what is wrong with it instead when it does not fit.</summary>
    private static string? WriteValue(Utf8JsonWriter writer, DatasetField field, JsonElement value)
    {
        switch (field.Type)
        {
            case DatasetFieldTypes.Int when value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var integer):
                writer.WriteNumberValue(integer);
                return null;
            case DatasetFieldTypes.Int when value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var whole)
                                            && double.IsInteger(whole) && Math.Abs(whole) < 9e15:
                writer.WriteNumberValue((long)whole);
                return null;
            case DatasetFieldTypes.Float when value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) && double.IsFinite(number):
                writer.WriteNumberValue(number);
                return null;
            case DatasetFieldTypes.Bool when value.ValueKind is JsonValueKind.True or JsonValueKind.False:
                writer.WriteBooleanValue(value.GetBoolean());
                return null;
            case DatasetFieldTypes.Date when value.ValueKind == JsonValueKind.String
                                             && DateOnly.TryParseExact(value.GetString()!.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date):
                writer.WriteStringValue(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                return null;
            case DatasetFieldTypes.ListOfStr when value.ValueKind == JsonValueKind.Array
                                                  && value.EnumerateArray().All(item => item.ValueKind == JsonValueKind.String):
                writer.WriteStartArray();
                foreach (var item in value.EnumerateArray())
                {
                    writer.WriteStringValue(item.GetString());
                }

                writer.WriteEndArray();
                return null;
            case DatasetFieldTypes.Enum when value.ValueKind == JsonValueKind.String
                                             && field.Values!.FirstOrDefault(allowed => string.Equals(allowed, value.GetString()!.Trim(), StringComparison.OrdinalIgnoreCase)) is { } declared:
                writer.WriteStringValue(declared);
                return null;
            case DatasetFieldTypes.Enum:
                writer.WriteNullValue();
                return $"expected one of {string.Join(", ", field.Values!)}, got {Shown(value)}";
            case DatasetFieldTypes.Str when value.ValueKind == JsonValueKind.String:
                writer.WriteStringValue(value.GetString()!.Trim());
                return null;
            default:
                writer.WriteNullValue();
                return $"expected {Expected(field.Type)}, got {Shown(value)}";
        }
    }

    private static bool IsBlank(JsonElement value) => value.ValueKind == JsonValueKind.String && string.IsNullOrWhiteSpace(value.GetString());

    private static string Expected(string? type) => type switch
    {
        DatasetFieldTypes.Int => "an integer (int)",
        DatasetFieldTypes.Float => "a number (float)",
        DatasetFieldTypes.Bool => "true or false (bool)",
        DatasetFieldTypes.Date => "a date yyyy-MM-dd (date)",
        DatasetFieldTypes.ListOfStr => "an array of strings (list[str])",
        _ => "a string (str)",
    };

    private static string Shown(JsonElement value)
    {
        var text = value.GetRawText();
        return text.Length <= 40 ? text : text[..40] + "…";
    }
}
