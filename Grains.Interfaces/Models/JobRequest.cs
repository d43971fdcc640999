namespace OrleansNlp.Models;

/// <summary>What a caller submits: the text, an optional instruction and opaque metadata (a JSON object, kept as text).
/// Owner is the id of the API key that submitted it (null when keys are off): only that owner (or an admin) sees the job.
/// BatchId names the batch the job belongs to (null for a single job): the job tells that batch when its status changes.
/// ClientId groups one caller's jobs for the per-client event stream. Dataset makes it a dataset job whose Text is the query.</summary>
[GenerateSerializer, Immutable, Alias("OrleansNlp.JobRequest")]
public sealed record JobRequest(
    [property: Id(0)] string Text,
    [property: Id(1)] string? Instruction = null,
    [property: Id(2)] string? MetadataJson = null,
    [property: Id(3)] JobPriority Priority = JobPriority.Normal,
    [property: Id(4)] string? CallbackUrl = null,
    [property: Id(5)] string? Owner = null,
    [property: Id(6)] string? BatchId = null,
    [property: Id(7)] string? ClientId = null,
    [property: Id(8)] DatasetSpec? Dataset = null)
{
    /// <summary>A dataset job (its <see cref="Text"/> is the query).</summary>
    public bool IsDataset => Dataset is not null;
}
