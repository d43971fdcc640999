using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace OrleansNlp.Bench.Soak;

/// <summary>The bad submissions a soak mixes in, each with the field its problem document must name. The bodies are
/// made once; an answer is right only when it is a 4xx <c>application/problem+json</c> whose <c>status</c> is the HTTP
/// status and whose <c>errors</c> name the field.</summary>
public static class BadRequests
{
    public static readonly IReadOnlyList<BadRequest> Kinds =
    [
        new("malformed-json", "body", """{"text": "A sentence that never ends"""),
        new("empty-text", "text", """{"text": ""}"""),
        new("oversize-metadata", "metadata",
            "{\"text\": \"A job whose metadata is too large.\", \"metadata\": {\"blob\": \"" + new string('x', 17_000) + "\"}}"),
        new("bad-priority", "priority", """{"text": "A job in a hurry.", "priority": "urgent"}"""),
    ];

    /// <summary>Null when the answer is right; otherwise what was wrong, short enough to count by (e.g. "500",
    /// "400 without problem+json", "400 naming body").</summary>
    public static async Task<string?> CheckAsync(HttpResponseMessage response, BadRequest kind, CancellationToken ct)
    {
        var status = (int)response.StatusCode;
        if (status is < 400 or > 499)
        {
            return status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            return $"{status} without problem+json";
        }

        try
        {
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStreamAsync(ct));
            var root = problem.RootElement;
            if (!root.TryGetProperty("status", out var written) || !written.TryGetInt32(out var value) || value != status)
            {
                return $"{status} with a problem of another status";
            }

            return root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object
                && errors.TryGetProperty(kind.Field, out _)
                ? null
                : $"{status} not naming {kind.Field}";
        }
        catch (JsonException)
        {
            return $"{status} with a body that is not JSON";
        }
    }
}

/// <summary>One kind of bad submission: its name, the field the problem must name, and its body.</summary>
public sealed record BadRequest(string Name, string Field, string Json)
{
    private static readonly MediaTypeHeaderValue JsonType = new("application/json");

    public byte[] Body { get; } = Encoding.UTF8.GetBytes(Json);

    public ByteArrayContent Content() => new(Body) { Headers = { ContentType = JsonType } };
}
