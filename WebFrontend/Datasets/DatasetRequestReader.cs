using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using OrleansNlp.Contracts;
using OrleansNlp.WebFrontend.Jobs;

namespace OrleansNlp.WebFrontend.Datasets;

/// <summary>Reads and validates POST /api/datasets, as JSON or as a form (user_query, rows, model_name,
/// field_definitions_json_str, client_id). A bad schema is refused whole, naming the field ("fields[2].type").</summary>
public sealed partial class DatasetRequestReader(SubmitRequestReader reader, IOptions<SubmitLimits> limits)
{
    public const int MaxFields = 50;
    public const int MaxEnumValues = 100;
    public const int MaxDescriptionLength = 1000;
    public const int MaxValueLength = 200;

    private readonly SubmitLimits _limits = limits.Value;

    public async Task<(SubmitDatasetRequest? Request, IResult? Error)> ReadAsync(HttpRequest http, CancellationToken ct)
    {
        var (request, error) = http.HasFormContentType ? await ReadFormAsync(http, ct) : await reader.ReadBodyAsync<SubmitDatasetRequest>(http, _limits.MaxBodyBytes, TooLarge, ct);
        if (error is not null)
        {
            return (null, error);
        }

        return Validate(request!, http.HasFormContentType ? "client_id" : "clientId") is { } invalid ? (null, invalid) : (Normalize(request!), null);
    }

    /// <summary>The fields as the job keeps them: names trimmed, types lower case, enum values only on enums.</summary>
    public static string FieldsJson(SubmitDatasetRequest request) =>
        JsonSerializer.Serialize(request.Fields!.Select(field => field!).ToArray(), JsonDefaults.Options);

    private static SubmitDatasetRequest Normalize(SubmitDatasetRequest request) => request with
    {
        Name = request.Name!.Trim(),
        Fields = request.Fields!.Select(field => new DatasetField(
            field!.Name!.Trim(),
            field.Type!.Trim().ToLowerInvariant(),
            string.IsNullOrWhiteSpace(field.Description) ? null : field.Description.Trim(),
            field.Required,
            field.Type.Trim().Equals(DatasetFieldTypes.Enum, StringComparison.OrdinalIgnoreCase) ? field.Values!.Select(value => value.Trim()).ToArray() : null)).ToArray(),
    };

    private async Task<(SubmitDatasetRequest?, IResult?)> ReadFormAsync(HttpRequest http, CancellationToken ct)
    {
        IFormCollection form;
        try
        {
            form = await http.ReadFormAsync(ct);
        }
        catch (Exception exception) when (exception is InvalidDataException or IOException)
        {
            return (null, SubmitRequestReader.Invalid("body", "The form could not be read: " + exception.Message));
        }

        int? rows = null;
        if (form["rows"] is { Count: > 0 } rowsText)
        {
            if (!int.TryParse(rowsText.ToString(), out var parsed))
            {
                return (null, SubmitRequestReader.Invalid("rows", "'rows' must be a whole number."));
            }

            rows = parsed;
        }

        IReadOnlyList<DatasetField?>? fields = null;
        if (form["field_definitions_json_str"] is { Count: > 0 } fieldsText)
        {
            try
            {
                fields = JsonSerializer.Deserialize<DatasetField?[]>(fieldsText.ToString(), JsonDefaults.Options);
            }
            catch (JsonException)
            {
                return (null, SubmitRequestReader.Invalid("field_definitions_json_str", "'field_definitions_json_str' must be a JSON array of fields ({\"name\", \"type\", \"description\", \"required\"})."));
            }
        }

        // The options of a JSON request, under the same names: metadata as JSON text.
        JobPriority? priority = null;
        if (NullIfEmpty(form["priority"]) is { } priorityText)
        {
            if (!EnumNames.TryParseOne<JobPriority>(priorityText, out var parsed))
            {
                return (null, SubmitRequestReader.Invalid("priority", "'priority' must be one of normal, high or low."));
            }

            priority = parsed;
        }

        JsonElement? metadata = null;
        if (NullIfEmpty(form["metadata"]) is { } metadataText)
        {
            try
            {
                using var document = JsonDocument.Parse(metadataText);
                metadata = document.RootElement.Clone();
            }
            catch (JsonException)
            {
                return (null, SubmitRequestReader.Invalid("metadata", "'metadata' must be a JSON object."));
            }
        }

        return (new SubmitDatasetRequest(
            NullIfEmpty(form["user_query"]), rows, NullIfEmpty(form["model_name"]), fields, NullIfEmpty(form["client_id"]),
            metadata, priority, NullIfEmpty(form["callbackUrl"])), null);
    }

    /// <summary>A form names the client id as the form does ("client_id").</summary>
    private IResult? Validate(SubmitDatasetRequest request, string clientIdField)
    {
        if (reader.ValidateText(request.Query, "query") is { } badQuery)
        {
            return badQuery;
        }

        if (request.Rows is not { } rows || rows < 1 || rows > _limits.MaxDatasetRows)
        {
            return SubmitRequestReader.Invalid("rows", $"'rows' must be 1 to {_limits.MaxDatasetRows} (Limits:MaxDatasetRows).");
        }

        if (request.Name is not { } name || !Identifier().IsMatch(name.Trim()))
        {
            return SubmitRequestReader.Invalid("name", "'name' is required: an identifier of at most 64 letters, digits or '_', not starting with a digit.");
        }

        if (request.Fields is not { Count: > 0 and <= MaxFields } fields)
        {
            return SubmitRequestReader.Invalid("fields", $"Give 1 to {MaxFields} fields; this request has {request.Fields?.Count ?? 0}.");
        }

        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var index = 0; index < fields.Count; index++)
        {
            if (ValidateField(fields[index], $"fields[{index}]", names) is { } badField)
            {
                return badField;
            }
        }

        return reader.ValidateOptions(null, request.Metadata, request.CallbackUrl) ?? SubmitRequestReader.ValidateClientId(request.ClientId, clientIdField);
    }

    private static IResult? ValidateField(DatasetField? field, string path, HashSet<string> names)
    {
        if (field is null)
        {
            return SubmitRequestReader.Invalid(path, $"'{path}' must be an object with name and type.");
        }

        if (field.Name?.Trim() is not { } name || !Identifier().IsMatch(name))
        {
            return SubmitRequestReader.Invalid($"{path}.name", $"'{path}.name' must be an identifier of at most 64 letters, digits or '_', not starting with a digit.");
        }

        if (!names.Add(name))
        {
            return SubmitRequestReader.Invalid($"{path}.name", $"'{path}.name': another field is already called '{name}'.");
        }

        var type = field.Type?.Trim().ToLowerInvariant();
        if (type is null || !DatasetFieldTypes.All.Contains(type))
        {
            return SubmitRequestReader.Invalid($"{path}.type", $"'{path}.type' must be one of {string.Join(", ", DatasetFieldTypes.All)}; got '{field.Type}'.");
        }

        if (field.Description is { Length: > MaxDescriptionLength })
        {
            return SubmitRequestReader.Invalid($"{path}.description", $"'{path}.description' is over {MaxDescriptionLength} characters.");
        }

        if (type != DatasetFieldTypes.Enum)
        {
            return field.Values is null ? null : SubmitRequestReader.Invalid($"{path}.values", $"'{path}.values' is only for enum fields.");
        }

        if (field.Values is not { Count: > 0 and <= MaxEnumValues } values)
        {
            return SubmitRequestReader.Invalid($"{path}.values", $"'{path}.values' must list 1 to {MaxEnumValues} allowed strings for an enum.");
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var index = 0; index < values.Count; index++)
        {
            if (values[index]?.Trim() is not { Length: > 0 and <= MaxValueLength } value || !seen.Add(value))
            {
                return SubmitRequestReader.Invalid($"{path}.values[{index}]",
                    $"'{path}.values[{index}]' must be a distinct, non-empty string of at most {MaxValueLength} characters.");
            }
        }

        return null;
    }

    private static string? NullIfEmpty(Microsoft.Extensions.Primitives.StringValues value) => value.Count == 0 || string.IsNullOrEmpty(value.ToString()) ? null : value.ToString();

    private IResult TooLarge() => SubmitRequestReader.Problem(StatusCodes.Status413PayloadTooLarge, "Request too large",
        $"The body is over {_limits.MaxBodyBytes} bytes.", "query");

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,63}$")]
    private static partial Regex Identifier();
}
