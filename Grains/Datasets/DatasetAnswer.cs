using System.Collections.Immutable;
using System.Text.Json;
using OrleansNlp.Llm;

namespace OrleansNlp.Datasets;

/// <summary>The rows of a generation call's answer, <c>{"rows": [...]}</c>, each kept as the JSON the model wrote.
/// An answer that is not that shape is a transient failure: the call is retried like a provider error.</summary>
public static class DatasetAnswer
{
    public static ImmutableArray<string> Parse(string answer)
    {
        try
        {
            using var document = JsonDocument.Parse(CodeFence.Strip(answer));
            var root = document.RootElement;
            var rows = root.ValueKind switch
            {
                JsonValueKind.Object when root.TryGetProperty("rows", out var array) && array.ValueKind == JsonValueKind.Array => array,
                // Some models answer with the bare array despite the schema.
                JsonValueKind.Array => root,
                _ => throw Malformed("it has no \"rows\" array"),
            };
            return [.. rows.EnumerateArray().Select(row => row.GetRawText())];
        }
        catch (JsonException exception)
        {
            throw Malformed("it is not JSON", exception);
        }
    }

    private static LlmProviderException Malformed(string why, Exception? inner = null) =>
        new($"The model's dataset answer was not the JSON asked for: {why}.", isTransient: true, inner: inner);
}
