using System.Text.Json;
using System.Text.Json.Serialization;

namespace OrleansNlp.Contracts;

/// <summary>Body of POST /api/datasets (JSON). The same can be sent as application/x-www-form-urlencoded with
/// user_query, rows, model_name, field_definitions_json_str and client_id.</summary>
/// <param name="Query">What the rows are about; the model generates rows that answer it.</param>
/// <param name="Rows">How many rows: 1 to Limits:MaxDatasetRows (500).</param>
/// <param name="Name">The dataset's name, an identifier (for instance TreatmentTechnologies).</param>
/// <param name="Fields">1 to 50 columns with unique names.</param>
/// <param name="ClientId">Groups the caller's jobs: SubscribeClient / GET /api/clients/{clientId}/events follow them all.</param>
public sealed record SubmitDatasetRequest(
    string? Query,
    int? Rows,
    string? Name,
    IReadOnlyList<DatasetField?>? Fields,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ClientId = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] JsonElement? Metadata = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] JobPriority? Priority = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? CallbackUrl = null);
