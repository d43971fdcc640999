using System.Text.Json;
using System.Text.Json.Serialization;

namespace OrleansNlp.Contracts;

/// <summary>Body of POST /api/batches: many texts with one instruction, metadata, priority and callbackUrl, which each
/// of the batch's jobs gets. Optional fields left null are not written.</summary>
/// <param name="Texts">1 to Limits:MaxBatchTexts (1000) texts, each validated like a job's text.</param>
/// <param name="Instruction">What to do with each text; the default is a short summary.</param>
/// <param name="Metadata">Any JSON object, stored with every job of the batch.</param>
/// <param name="Priority">high, normal (default) or low, for every job of the batch.</param>
/// <param name="ClientId">Groups the caller's jobs (letters, digits, '-', '_', '.', ':', at most 128): SignalR SubscribeClient and
/// GET /api/clients/{clientId}/events follow every job of one clientId.</param>
/// <param name="CallbackUrl">Where each job's final snapshot is POSTed (one delivery per job).</param>
public sealed record SubmitBatchRequest(
    IReadOnlyList<string?>? Texts,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Instruction = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] JsonElement? Metadata = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] JobPriority? Priority = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? CallbackUrl = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ClientId = null);
