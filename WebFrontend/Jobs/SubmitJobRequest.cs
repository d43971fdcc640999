using System.Text.Json;
using OrleansNlp.Models;

namespace OrleansNlp.WebFrontend.Jobs;

/// <summary>Body of POST /api/jobs.</summary>
/// <param name="Text">The text to process (required, at most 1 MiB of UTF-8 by default).</param>
/// <param name="Instruction">What to do with it; the default is a short summary.</param>
/// <param name="Metadata">Any JSON object (at most 16 KiB, 5 levels deep); stored with the job and returned unchanged.</param>
/// <param name="Priority">high, normal (default) or low: the order in which a saturated LLM stage serves waiting jobs.</param>
/// <param name="CallbackUrl">Where to POST the final snapshot (signed); its host must be on Webhooks:AllowedHosts.</param>
public sealed record SubmitJobRequest(
    string? Text, string? Instruction = null, JsonElement? Metadata = null, JobPriority? Priority = null, string? CallbackUrl = null);
