using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using OrleansNlp.Contracts;
using Microsoft.Net.Http.Headers;
using OrleansNlp.Webhooks;

namespace OrleansNlp.WebFrontend.Jobs;

/// <summary>Reads and validates a submission body so that every bad input gets a 4xx problem naming the field.</summary>
public sealed class SubmitRequestReader(
    IOptions<SubmitLimits> limits, IOptions<WebhookOptions> webhooks, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json)
{
    private readonly SubmitLimits _limits = limits.Value;

    // A repeated property ("text" twice) is ambiguous: refuse it instead of silently keeping the last value.
    private readonly JsonSerializerOptions _strict = new(json.Value.SerializerOptions) { AllowDuplicateProperties = false };

    public async Task<(SubmitJobRequest? Request, IResult? Error)> ReadAsync(HttpRequest http, CancellationToken ct)
    {
        if (!http.HasJsonContentType())
        {
            return (null, Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type",
                $"Send the job as application/json, not '{http.ContentType ?? "nothing"}'."));
        }

        // The body is read as UTF-8 whatever the charset says: any other charset would be misread.
        if (MediaTypeHeaderValue.TryParse(http.ContentType, out var mediaType)
            && HeaderUtilities.RemoveQuotes(mediaType.Charset) is { HasValue: true } charset
            && !charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase))
        {
            return (null, Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported charset",
                $"Send the job as UTF-8 (charset=utf-8 or no charset), not '{charset}'."));
        }

        if (http.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = _limits.MaxBodyBytes;
        }

        if (http.ContentLength > _limits.MaxBodyBytes)
        {
            return (null, TooLarge());
        }

        using var body = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = await http.Body.ReadAsync(buffer, ct)) > 0)
        {
            if (body.Length + read > _limits.MaxBodyBytes)
            {
                return (null, TooLarge());
            }

            body.Write(buffer, 0, read);
        }

        SubmitJobRequest? request;
        try
        {
            request = JsonSerializer.Deserialize<SubmitJobRequest>(body.GetBuffer().AsSpan(0, (int)body.Length), _strict);
        }
        catch (JsonException exception)
        {
            // A reader error (inner JsonException) is broken JSON; otherwise a value did not fit its field.
            if (exception.InnerException is JsonException)
            {
                return (null, Invalid("body", "The body is not valid JSON."));
            }

            var field = FieldOf(exception.Path);
            var detail = exception.InnerException switch
            {
                InvalidOperationException { InnerException: DecoderFallbackException or ArgumentException } or DecoderFallbackException
                    => $"'{field}' is not valid UTF-8.",
                // A string field met a string it cannot hold (a lone surrogate such as "\ud800"), or another token.
                InvalidOperationException when RawKind(body, field) is JsonValueKind.String
                    => $"'{field}' holds a string that is not valid UTF-16 (a lone surrogate).",
                InvalidOperationException => $"'{field}' has the wrong type: it must be a string.",
                _ when exception.Message.StartsWith("Duplicate property", StringComparison.Ordinal)
                    => $"'{field}' holds a property name more than once.",
                _ => $"'{field}' has the wrong type or an invalid value.",
            };
            return (null, Invalid(field, detail));
        }

        if (request is null)
        {
            return (null, Invalid("body", "The body must be a JSON object."));
        }

        return Validate(request) is { } error ? (null, error) : (request, null);
    }

    private IResult? Validate(SubmitJobRequest request)
    {
        if (string.IsNullOrWhiteSpace(request.Text) || IsInvisible(request.Text))
        {
            return Invalid("text", "The text is required and must hold something visible (not only spaces, zero-width or control characters).");
        }

        if (Encoding.UTF8.GetByteCount(request.Text) > _limits.MaxTextBytes)
        {
            return Problem(StatusCodes.Status413PayloadTooLarge, "Text too large",
                $"The text is over the limit of {_limits.MaxTextBytes} UTF-8 bytes.", "text");
        }

        if (request.Instruction is { } instruction && instruction.Length > _limits.MaxInstructionLength)
        {
            return Invalid("instruction", $"The instruction is over the limit of {_limits.MaxInstructionLength} characters.");
        }

        if (request.Metadata is { } metadata && metadata.ValueKind != JsonValueKind.Null)
        {
            if (metadata.ValueKind != JsonValueKind.Object)
            {
                return Invalid("metadata", "The metadata must be a JSON object.");
            }

            if (Encoding.UTF8.GetByteCount(metadata.GetRawText()) > _limits.MaxMetadataBytes)
            {
                return Invalid("metadata", $"The metadata is over the limit of {_limits.MaxMetadataBytes} bytes.");
            }

            if (Depth(metadata) > _limits.MaxMetadataDepth)
            {
                return Invalid("metadata", $"The metadata is nested deeper than {_limits.MaxMetadataDepth} levels.");
            }

            if (MetadataStrings.FindInvalid(metadata, "metadata") is { } invalid)
            {
                return Invalid(invalid, $"'{invalid}' holds a name or string that is not valid UTF-16 (a lone surrogate).");
            }
        }

        if (request.CallbackUrl is { Length: var length } && length > _limits.MaxCallbackUrlLength)
        {
            return Invalid("callbackUrl", $"The callbackUrl is over the limit of {_limits.MaxCallbackUrlLength} characters.");
        }

        // The same check (allow-list, port, length) as the silo's before each delivery.
        if (request.CallbackUrl is { } callback && webhooks.Value.Check(callback) is { } refusal)
        {
            return Invalid("callbackUrl", refusal.Message);
        }

        return null;
    }

    /// <summary>True when the text has no character that shows: only white space, control characters (NUL, ...) and
    /// format characters (zero-width space and joiners, word joiner, byte order mark, ...).</summary>
    private static bool IsInvisible(string text)
    {
        foreach (var rune in text.EnumerateRunes())
        {
            if (!Rune.IsWhiteSpace(rune) && Rune.GetUnicodeCategory(rune) is not (UnicodeCategory.Control or UnicodeCategory.Format
                or UnicodeCategory.SpaceSeparator or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The JSON kind of a top-level property of the body (names compared as the serializer does), if readable.</summary>
    private static JsonValueKind? RawKind(MemoryStream body, string field)
    {
        try
        {
            using var document = JsonDocument.Parse(body.GetBuffer().AsMemory(0, (int)body.Length));
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? document.RootElement.EnumerateObject()
                    .Where(property => string.Equals(property.Name, field, StringComparison.OrdinalIgnoreCase))
                    .Select(property => (JsonValueKind?)property.Value.ValueKind)
                    .FirstOrDefault()
                : null;
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    private static int Depth(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => 1 + element.EnumerateObject().Select(property => Depth(property.Value)).DefaultIfEmpty(0).Max(),
        JsonValueKind.Array => 1 + element.EnumerateArray().Select(Depth).DefaultIfEmpty(0).Max(),
        _ => 0,
    };

    /// <summary>"$.metadata.a" → "metadata"; no path → "body".</summary>
    private static string FieldOf(string? path)
    {
        var field = path?.TrimStart('$').TrimStart('.').Split('.', '[')[0];
        return string.IsNullOrEmpty(field) ? "body" : field;
    }

    private IResult TooLarge() =>
        Problem(StatusCodes.Status413PayloadTooLarge, "Request too large",
            $"The body is over {_limits.MaxBodyBytes} bytes; the text may hold at most {_limits.MaxTextBytes} UTF-8 bytes.", "text");

    public static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });

    private static ProblemHttpResult Problem(int status, string title, string detail, string? field = null) =>
        TypedResults.Problem(statusCode: status, title: title, detail: detail,
            extensions: field is null ? null : new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [field] = [detail] } });
}
