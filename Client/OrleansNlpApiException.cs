using System.Net;
using System.Text;
using System.Text.Json;

namespace OrleansNlp.Client;

/// <summary>The frontend refused a request: its status code and the RFC 7807 problem it answered with
/// (title, detail and, for input errors, the messages per field).</summary>
public sealed class OrleansNlpApiException : Exception
{
    public OrleansNlpApiException(HttpStatusCode statusCode, string? title, string? detail,
        IReadOnlyDictionary<string, string[]>? errors = null, TimeSpan? retryAfter = null, Exception? innerException = null)
        : base(Describe(statusCode, title, detail, errors), innerException)
    {
        StatusCode = statusCode;
        Title = title;
        Detail = detail;
        Errors = errors ?? new Dictionary<string, string[]>();
        RetryAfter = retryAfter;
    }

    public HttpStatusCode StatusCode { get; }

    public string? Title { get; }

    public string? Detail { get; }

    /// <summary>Validation messages by field name (for example "text", "priority", "jobId"); empty when none.</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; }

    /// <summary>How long the server asked to wait before trying again (429, 503).</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>Reads a failed response; a body that is no problem document still yields the status and reason.</summary>
    public static async Task<OrleansNlpApiException> FromResponseAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var retryAfter = response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - DateTimeOffset.UtcNow,
            _ => (TimeSpan?)null,
        };
        var body = await response.Content.ReadAsStringAsync(ct);
        string? title = response.ReasonPhrase;
        string? detail = null;
        Dictionary<string, string[]>? errors = null;
        try
        {
            using var problem = JsonDocument.Parse(body);
            var root = problem.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                title = String(root, "title") ?? title;
                detail = String(root, "detail");
                if (root.TryGetProperty("errors", out var fields) && fields.ValueKind == JsonValueKind.Object)
                {
                    errors = fields.EnumerateObject().ToDictionary(
                        field => field.Name,
                        field => field.Value.ValueKind == JsonValueKind.Array
                            ? field.Value.EnumerateArray().Select(message => message.ToString()).ToArray()
                            : [field.Value.ToString()]);
                }
            }
        }
        catch (JsonException)
        {
            // Not a problem document (a proxy's error page, say): keep a bounded excerpt of what came back.
            detail = body.Length > 200 ? body[..200] + "…" : body.Length > 0 ? body : null;
        }

        return new OrleansNlpApiException(response.StatusCode, title, detail, errors, retryAfter);
    }

    private static string? String(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Describe(HttpStatusCode statusCode, string? title, string? detail, IReadOnlyDictionary<string, string[]>? errors)
    {
        var text = new StringBuilder($"{(int)statusCode} {title ?? statusCode.ToString()}");
        if (!string.IsNullOrEmpty(detail))
        {
            text.Append(": ").Append(detail);
        }

        foreach (var (field, messages) in errors ?? new Dictionary<string, string[]>())
        {
            text.Append($" [{field}: {string.Join(" ", messages)}]");
        }

        return text.ToString();
    }
}
