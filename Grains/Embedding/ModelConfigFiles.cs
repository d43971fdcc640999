using System.Text.Json;

namespace OrleansNlp.Embedding;

/// <summary>Reads the few settings that Hugging Face exports keep in JSON files next to the ONNX model
/// (<c>config.json</c>, <c>tokenizer_config.json</c>, <c>sentence_bert_config.json</c>).</summary>
internal static class ModelConfigFiles
{
    public static int? ReadInt(string directory, string file, string property) =>
        Read(directory, file, property) is { ValueKind: JsonValueKind.Number } value && value.TryGetInt64(out var number)
            ? (int)Math.Clamp(number, 0, int.MaxValue)
            : null;

    public static bool? ReadBool(string directory, string file, string property) =>
        Read(directory, file, property) is { ValueKind: JsonValueKind.True or JsonValueKind.False } value ? value.GetBoolean() : null;

    private static JsonElement? Read(string directory, string file, string property)
    {
        var path = Path.Combine(directory, file);
        if (!File.Exists(path))
        {
            return null;
        }

        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty(property, out var value)
            ? value.Clone()
            : null;
    }
}
