using System.Text.Json;
using System.Text.RegularExpressions;

namespace OrleansNlp.Models;

/// <summary>Turns a job's stored metadata text back into JSON that can always be written out. Submissions with a lone
/// surrogate escape are refused, but a job stored before that check must not break every response that holds it.</summary>
public static partial class MetadataJson
{
    public static JsonElement? Parse(string? metadataJson)
    {
        if (metadataJson is null)
        {
            return null;
        }

        // Only a \uD800-\uDFFF escape can be a lone surrogate: the common case skips the check.
        if (metadataJson.Contains("\\ud", StringComparison.OrdinalIgnoreCase))
        {
            metadataJson = LoneSurrogateEscape().Replace(metadataJson, "\\ufffd");
        }

        using var document = JsonDocument.Parse(metadataJson);
        return document.RootElement.Clone();
    }

    // A high surrogate escape not followed by a low one, or a low one not preceded by a high one, behind an even
    // number of backslashes (an odd number means the backslash itself was escaped).
    [GeneratedRegex(@"(?<=(?<!\\)(?:\\\\)*)(?:\\u[dD][89abAB][0-9a-fA-F]{2}(?!\\u[dD][c-fC-F][0-9a-fA-F]{2})|(?<!\\u[dD][89abAB][0-9a-fA-F]{2})\\u[dD][c-fC-F][0-9a-fA-F]{2})")]
    private static partial Regex LoneSurrogateEscape();
}
