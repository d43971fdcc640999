using System.Text.Json;
using Wire = OrleansNlp.Contracts;

namespace OrleansNlp.Models;

/// <summary>Dataset rows and fields are kept as JSON text inside the grains; these turn them back into JSON values.</summary>
public static class DatasetJson
{
    public static JsonElement Element(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            // An invalid row may be anything the model wrote: report it as the string it was.
            return JsonSerializer.SerializeToElement(json);
        }
    }

    public static IReadOnlyList<Wire.DatasetField> Fields(string fieldsJson) =>
        JsonSerializer.Deserialize<Wire.DatasetField[]>(fieldsJson, JsonDefaults.Options) ?? [];
}
