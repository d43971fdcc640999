using System.Text.Json;
using System.Text.Json.Nodes;
using OrleansNlp.Contracts;
using OrleansNlp.Models;

namespace OrleansNlp.Datasets;

/// <summary>A dataset's columns as the silo uses them: the fields, the key field (the first required one: rows with the
/// same key are duplicates) and the JSON schema the model's answer must follow, <c>{"rows": [row, …]}</c>. Strict
/// structured-output servers want every property required, so an optional field is required but nullable.</summary>
public sealed class DatasetSchema
{
    /// <summary>The name of the response format's JSON schema (servers show it; the test server recognises it).</summary>
    public const string ResponseSchemaName = "dataset_rows";

    private DatasetSchema(IReadOnlyList<DatasetField> fields)
    {
        Fields = fields;
        KeyField = fields.FirstOrDefault(field => field.Required)?.Name;
        ResponseSchema = BuildResponseSchema(fields);
    }

    public IReadOnlyList<DatasetField> Fields { get; }

    public string? KeyField { get; }

    public JsonElement ResponseSchema { get; }

    public static DatasetSchema Parse(string fieldsJson) => new(DatasetJson.Fields(fieldsJson));

    private static JsonElement BuildResponseSchema(IReadOnlyList<DatasetField> fields)
    {
        var properties = new JsonObject();
        foreach (var field in fields)
        {
            properties[field.Name!] = PropertySchema(field);
        }

        var row = new JsonObject
        {
            ["type"] = "object",
            ["properties"] = properties,
            ["required"] = new JsonArray(fields.Select(field => (JsonNode)JsonValue.Create(field.Name!)).ToArray()),
            ["additionalProperties"] = false,
        };
        var root = new JsonObject
        {
            ["type"] = "object",
            ["properties"] = new JsonObject { ["rows"] = new JsonObject { ["type"] = "array", ["items"] = row } },
            ["required"] = new JsonArray("rows"),
            ["additionalProperties"] = false,
        };
        return JsonSerializer.SerializeToElement(root);
    }

    private static JsonObject PropertySchema(DatasetField field)
    {
        var schema = field.Type switch
        {
            DatasetFieldTypes.Int => new JsonObject { ["type"] = Nullable("integer", field) },
            DatasetFieldTypes.Float => new JsonObject { ["type"] = Nullable("number", field) },
            DatasetFieldTypes.Bool => new JsonObject { ["type"] = Nullable("boolean", field) },
            DatasetFieldTypes.Date => new JsonObject { ["type"] = Nullable("string", field), ["format"] = "date" },
            DatasetFieldTypes.ListOfStr => new JsonObject { ["type"] = Nullable("array", field), ["items"] = new JsonObject { ["type"] = "string" } },
            DatasetFieldTypes.Enum => new JsonObject
            {
                ["type"] = Nullable("string", field),
                ["enum"] = new JsonArray(field.Values!.Select(value => (JsonNode?)JsonValue.Create(value))
                    .Concat(field.Required ? [] : [null]).ToArray()),
            },
            _ => new JsonObject { ["type"] = Nullable("string", field) },
        };
        var description = field.Type == DatasetFieldTypes.Date ? $"{field.Description} (a date, yyyy-MM-dd)".Trim() : field.Description;
        if (!string.IsNullOrWhiteSpace(description))
        {
            schema["description"] = description;
        }

        return schema;
    }

    private static JsonNode Nullable(string type, DatasetField field) => field.Required ? JsonValue.Create(type) : new JsonArray(type, "null");
}
