using System.Text.Json;
using System.Text.Json.Serialization;

namespace OrleansNlp.Contracts;

/// <summary>Body of POST /api/jobs. Optional fields left null are not written.</summary>
/// <param name="Text">The text to process (required, at most 1 MiB of UTF-8 by default).</param>
/// <param name="Instruction">What to do with it; the default is a short summary.</param>
/// <param name="Metadata">Any JSON object (at most 16 KiB, 5 levels deep); stored with the job and returned unchanged.</param>
/// <param name="Priority">high, normal (default) or low: the order in which a saturated LLM stage serves waiting jobs.</param>
/// <param name="ClientId">Groups the caller's jobs (letters, digits, '-', '_', '.', ':', at most 128): SignalR SubscribeClient and
/// GET /api/clients/{clientId}/events follow every job of one clientId.</param>
/// <param name="CallbackUrl">Where to POST the final snapshot (signed); its host must be on the server's Webhooks:AllowedHosts.</param>
public sealed record SubmitJobRequest(
    string? Text,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Instruction = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] JsonElement? Metadata = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] JobPriority? Priority = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? CallbackUrl = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ClientId = null);
