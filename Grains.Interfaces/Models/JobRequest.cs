namespace OrleansNlp.Models;

/// <summary>What a caller submits: the text, an optional instruction and opaque metadata (a JSON object, kept as text).
/// Owner is the id of the API key that submitted it (null when keys are off): only that owner (or an admin) sees the job.
/// BatchId names the batch the job belongs to (null for a single job): the job tells that batch when its status changes.</summary>
[GenerateSerializer, Immutable, Alias("OrleansNlp.JobRequest")]
public sealed record JobRequest(
    [property: Id(0)] string Text,
    [property: Id(1)] string? Instruction = null,
    [property: Id(2)] string? MetadataJson = null,
    [property: Id(3)] JobPriority Priority = JobPriority.Normal,
    [property: Id(4)] string? CallbackUrl = null,
    [property: Id(5)] string? Owner = null,
    [property: Id(6)] string? BatchId = null);
