using System.Text.Json;

namespace OrleansNlp.WebFrontend.Jobs;

/// <summary>Finds a property name or string in metadata that is not valid UTF-16 (a lone surrogate such as "\ud800"):
/// JSON allows the escape, but such a value can never be written back out, so it is refused at submit.</summary>
public static class MetadataStrings
{
    /// <summary>The path of the first invalid name or value ("metadata.k", "metadata.list[2]"), or null when all are valid.</summary>
    public static string? FindInvalid(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (!TryRead(() => property.Name, out var name))
                    {
                        return path;
                    }

                    if (FindInvalid(property.Value, $"{path}.{name}") is { } invalid)
                    {
                        return invalid;
                    }
                }

                return null;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (FindInvalid(item, $"{path}[{index++}]") is { } invalid)
                    {
                        return invalid;
                    }
                }

                return null;
            case JsonValueKind.String:
                return TryRead(element.GetString, out _) ? null : path;
            default:
                return null;
        }
    }

    private static bool TryRead(Func<string?> read, out string? value)
    {
        try
        {
            value = read();
            return true;
        }
        catch (InvalidOperationException)
        {
            value = null;
            return false;
        }
    }
}
