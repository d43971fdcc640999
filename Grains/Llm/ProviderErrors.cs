using System.ClientModel;
using System.ClientModel.Primitives;
using System.Globalization;
using System.Text.Json;

namespace OrleansNlp.Llm;

/// <summary>Turns what the OpenAI SDK throws into an <see cref="LlmProviderException"/> that carries the provider's own
/// error text, the HTTP status, whether a retry may help and the server's Retry-After.</summary>
public static class ProviderErrors
{
    private const int MaxDetailLength = 500;

    public static LlmProviderException? Translate(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        LlmProviderException => null,
        ClientResultException { Status: 0 } failure => Unreachable(failure.InnerException ?? failure),
        ClientResultException failure => FromResponse(failure),
        HttpRequestException or TimeoutException => Unreachable(exception),
        OperationCanceledException when !cancellationToken.IsCancellationRequested =>
            new LlmProviderException("LLM provider did not answer in time", isTransient: true, inner: exception),
        _ => null,
    };

    public static bool IsTransientStatus(int status) => status is 408 or 429 or >= 500;

    private static LlmProviderException Unreachable(Exception exception) =>
        new($"LLM provider unreachable: {exception.Message}", isTransient: true, inner: exception);

    private static LlmProviderException FromResponse(ClientResultException failure)
    {
        var response = failure.GetRawResponse();
        var detail = (response is null ? null : ErrorText(response)) ?? failure.Message.Split('\n')[0];
        var status = failure.Status;
        var reason = response?.ReasonPhrase is { Length: > 0 } phrase ? $" {phrase}" : "";
        return IsTransientStatus(status)
            ? new LlmProviderException($"LLM provider answered HTTP {status}{reason}: {detail}", isTransient: true, status,
                response is null ? null : RetryAfter(response.Headers), failure)
            : new LlmProviderException($"LLM provider rejected the request (HTTP {status}{reason}): {detail}", isTransient: false, status,
                inner: failure);
    }

    /// <summary>The provider's message: OpenAI's {"error":{"message"}}, Ollama's and llama.cpp's {"error": "..."},
    /// vLLM's {"message"}, FastAPI's {"detail"}; else the body itself, shortened.</summary>
    public static string? ErrorText(PipelineResponse response)
    {
        string body;
        try
        {
            body = response.Content.ToString().Trim();
        }
        catch (InvalidOperationException)
        {
            return null;
        }

        if (body.Length == 0)
        {
            return null;
        }

        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            var text = root.ValueKind != JsonValueKind.Object ? null
                : root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object && error.TryGetProperty("message", out var message) ? message.ToString()
                : root.TryGetProperty("error", out error) && error.ValueKind == JsonValueKind.String ? error.GetString()
                : root.TryGetProperty("message", out message) ? message.ToString()
                : root.TryGetProperty("detail", out var detail) ? detail.ToString()
                : null;
            if (text is { Length: > 0 })
            {
                return Shorten(text);
            }
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's HTML page, plain text): quote it as it is.
        }

        return Shorten(body);
    }

    /// <summary>retry-after-ms (OpenAI, Azure) or Retry-After in seconds or as an HTTP date.</summary>
    public static TimeSpan? RetryAfter(PipelineResponseHeaders headers)
    {
        if (headers.TryGetValue("retry-after-ms", out var milliseconds)
            && double.TryParse(milliseconds, NumberStyles.Float, CultureInfo.InvariantCulture, out var ms) && ms >= 0)
        {
            return TimeSpan.FromMilliseconds(ms);
        }

        if (!headers.TryGetValue("Retry-After", out var value) || string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
        {
            return TimeSpan.FromSeconds(seconds);
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
            ? (date - DateTimeOffset.UtcNow) is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero
            : null;
    }

    private static string Shorten(string text) => text.Length <= MaxDetailLength ? text : text[..MaxDetailLength] + "…";
}
