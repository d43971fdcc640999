using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using OrleansNlp.Contracts;
using Microsoft.Net.Http.Headers;
using OrleansNlp.WebFrontend.Clients;
using OrleansNlp.Webhooks;

namespace OrleansNlp.WebFrontend.Jobs;

/// <summary>Reads and validates a submission body so that every bad input gets a 4xx problem naming the field.</summary>
public sealed class SubmitRequestReader(
    IOptions<SubmitLimits> limits, IOptions<WebhookOptions> webhooks, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json)
{
    private readonly SubmitLimits _limits = limits.Value;

    // A repeated property ("text" twice) is ambiguous: refuse it instead of silently keeping the last value.
    private readonly JsonSerializerOptions _strict = Strict(json.Value.SerializerOptions);

    public async Task<(SubmitJobRequest? Request, IResult? Error)> ReadAsync(HttpRequest http, CancellationToken ct)
    {
        var (request, error) = await ReadBodyAsync<SubmitJobRequest>(http, _limits.MaxBodyBytes, TooLarge, ct);
        if (error is not null)
        {
            return (null, error);
        }

        return (ValidateText(request!.Text, "text") ?? ValidateOptions(request.Instruction, request.Metadata, request.CallbackUrl)
                ?? ValidateClientId(request.ClientId)) is { } invalid
            ? (null, invalid)
            : (request, null);
    }

    /// <summary>Reads a batch: 1 to Limits:MaxBatchTexts texts, each checked like a job's text (a bad one is named by its
    /// index, "texts[3]"), and the fields every job of the batch shares. A bad batch is refused whole.</summary>
    public async Task<(SubmitBatchRequest? Request, IResult? Error)> ReadBatchAsync(HttpRequest http, CancellationToken ct)
    {
        var (request, error) = await ReadBodyAsync<SubmitBatchRequest>(http, _limits.MaxBatchBodyBytes, BatchTooLarge, ct);
        if (error is not null)
        {
            return (null, error);
        }

        if (request!.Texts is not { Count: > 0 } texts || texts.Count > _limits.MaxBatchTexts)
        {
            return (null, Invalid("texts", $"Give 1 to {_limits.MaxBatchTexts} texts (an array of strings); this batch has {request.Texts?.Count ?? 0}."));
        }

        for (var index = 0; index < texts.Count; index++)
        {
            if (ValidateText(texts[index], $"texts[{index}]") is { } invalid)
            {
                return (null, invalid);
            }
        }

        return (ValidateOptions(request.Instruction, request.Metadata, request.CallbackUrl) ?? ValidateClientId(request.ClientId)) is { } bad
            ? (null, bad)
            : (request, null);
    }

    internal async Task<(T? Request, IResult? Error)> ReadBodyAsync<T>(HttpRequest http, long maxBytes, Func<IResult> tooLarge, CancellationToken ct)
        where T : class
    {
        if (!http.HasJsonContentType())
        {
            return (null, Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type",
                $"Send the request as application/json, not '{http.ContentType ?? "nothing"}'."));
        }

        // The body is read as UTF-8 whatever the charset says: any other charset would be misread.
        if (MediaTypeHeaderValue.TryParse(http.ContentType, out var mediaType)
            && HeaderUtilities.RemoveQuotes(mediaType.Charset) is { HasValue: true } charset
            && !charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase))
        {
            return (null, Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported charset",
                $"Send the request as UTF-8 (charset=utf-8 or no charset), not '{charset}'."));
        }

        if (http.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = maxBytes;
        }

        if (http.ContentLength > maxBytes)
        {
            return (null, tooLarge());
        }

        // Sized for the declared length up to 64 KB (a header alone must not reserve a batch's 10 MB); the read buffer
        // is pooled (a new 80 KB array per request, zeroed by the runtime, was a seventh of the frontend's CPU samples).
        using var body = new MemoryStream((int)Math.Min(http.ContentLength ?? 0, Math.Min(maxBytes, 64 * 1024)));
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await http.Body.ReadAsync(buffer, ct)) > 0)
            {
                if (body.Length + read > maxBytes)
                {
                    return (null, tooLarge());
                }

                body.Write(buffer, 0, read);
            }
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            // A body without Content-Length (chunked) passed the server's limit set above: the same answer, naming the field.
            return (null, tooLarge());
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        T? request;
        try
        {
            // A UTF-8 byte order mark (PowerShell 5 writes one) is allowed, as the framework's own stream reader allows it.
            var json = body.GetBuffer().AsSpan(0, (int)body.Length);
            request = JsonSerializer.Deserialize<T>(json.StartsWith(Utf8Bom) ? json[Utf8Bom.Length..] : json, _strict);
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
                InvalidOperationException => $"'{field}' has the wrong type{Expected<T>(field)}.",
                _ when exception.Message.StartsWith("Duplicate property", StringComparison.Ordinal)
                    => $"'{field}' holds a property name more than once.",
                _ => $"'{field}' has the wrong type or an invalid value.",
            };
            return (null, Invalid(field, detail));
        }

        return request is null ? (null, Invalid("body", "The body must be a JSON object.")) : (request, null);
    }

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    /// <summary>The API's JSON options for reading a request: no repeated property, and an enum value is one member's
    /// name (the answers keep the framework's enum converter, which the OpenAPI document describes).</summary>
    private static JsonSerializerOptions Strict(JsonSerializerOptions api)
    {
        var strict = new JsonSerializerOptions(api) { AllowDuplicateProperties = false };
        strict.Converters.Insert(0, new DefinedEnumConverter(JsonNamingPolicy.CamelCase));
        return strict;
    }

    internal IResult? ValidateText(string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text) || IsInvisible(text))
        {
            return Invalid(field, $"'{field}' is required and must hold something visible (not only spaces, zero-width or control characters).");
        }

        if (Encoding.UTF8.GetByteCount(text) > _limits.MaxTextBytes)
        {
            return Problem(StatusCodes.Status413PayloadTooLarge, "Text too large",
                $"'{field}' is over the limit of {_limits.MaxTextBytes} UTF-8 bytes.", field);
        }

        return null;
    }

    internal IResult? ValidateOptions(string? instruction, JsonElement? metadataValue, string? callbackUrl)
    {
        if (instruction is { } text && text.Length > _limits.MaxInstructionLength)
        {
            return Invalid("instruction", $"The instruction is over the limit of {_limits.MaxInstructionLength} characters.");
        }

        if (metadataValue is { } metadata && metadata.ValueKind != JsonValueKind.Null)
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

        if (callbackUrl is { Length: var length } && length > _limits.MaxCallbackUrlLength)
        {
            return Invalid("callbackUrl", $"The callbackUrl is over the limit of {_limits.MaxCallbackUrlLength} characters.");
        }

        // The same check (allow-list, port, length) as the silo's before each delivery.
        if (callbackUrl is { } callback && webhooks.Value.Check(callback) is { } refusal)
        {
            return Invalid("callbackUrl", refusal.Message);
        }

        return null;
    }

    /// <summary>A 400 naming <paramref name="field"/> when a clientId is given and is not a valid one (null is fine).</summary>
    public static ValidationProblem? ValidateClientId(string? clientId, string field = "clientId") =>
        clientId is null || ClientIds.IsValid(clientId) ? null : Invalid(field, ClientIds.Rule);

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

    /// <summary>": it must be …" for a top-level property of a simple type; nothing for deeper paths.</summary>
    private string Expected<T>(string field)
    {
        var property = _strict.GetTypeInfo(typeof(T)).Properties.FirstOrDefault(property => property.Name == field);
        var type = property is null ? null : Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        return type switch
        {
            null => "",
            _ when type == typeof(string) => ": it must be a string",
            _ when type == typeof(bool) => ": it must be true or false",
            _ when type == typeof(int) || type == typeof(long) || type == typeof(double) => ": it must be a number",
            _ => "",
        };
    }

    /// <summary>The JSON kind of a top-level property of the body (names compared as the serializer does), if readable.</summary>
    private static JsonValueKind? RawKind(MemoryStream body, string field)
    {
        try
        {
            using var document = JsonDocument.Parse(body.GetBuffer().AsMemory(0, (int)body.Length));
            var name = field.Split('[')[0];
            var value = document.RootElement.ValueKind == JsonValueKind.Object
                ? document.RootElement.EnumerateObject()
                    .Where(property => string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
                    .Select(property => (JsonElement?)property.Value)
                    .FirstOrDefault()
                : null;
            // "texts[3]": the element of the array.
            if (value is { ValueKind: JsonValueKind.Array } array && field.Length > name.Length
                && int.TryParse(field.AsSpan(name.Length + 1, field.Length - name.Length - 2), out var index) && index < array.GetArrayLength())
            {
                value = array[index];
            }

            return value?.ValueKind;
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

    /// <summary>"$.metadata.a" → "metadata", "$.texts[3]" → "texts[3]" (a batch names the text); no path → "body".</summary>
    private static string FieldOf(string? path)
    {
        var trimmed = path?.TrimStart('$').TrimStart('.') ?? "";
        if (trimmed.StartsWith("texts[", StringComparison.Ordinal) && trimmed.IndexOf(']') is > 6 and var end)
        {
            return trimmed[..(end + 1)];
        }

        // "fields[2].type": a dataset's field is named with its index and property.
        if (trimmed.StartsWith("fields[", StringComparison.Ordinal))
        {
            return trimmed;
        }

        var field = trimmed.Split('.', '[')[0];
        return string.IsNullOrEmpty(field) ? "body" : field;
    }

    private IResult TooLarge() =>
        Problem(StatusCodes.Status413PayloadTooLarge, "Request too large",
            $"The body is over {_limits.MaxBodyBytes} bytes; the text may hold at most {_limits.MaxTextBytes} UTF-8 bytes.", "text");

    private IResult BatchTooLarge() =>
        Problem(StatusCodes.Status413PayloadTooLarge, "Request too large",
            $"The batch body is over {_limits.MaxBatchBodyBytes} bytes (Limits:MaxBatchBodyBytes).", "texts");

    public static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });

    internal static ProblemHttpResult Problem(int status, string title, string detail, string? field = null) =>
        TypedResults.Problem(statusCode: status, title: title, detail: detail,
            extensions: field is null ? null : new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [field] = [detail] } });
}
