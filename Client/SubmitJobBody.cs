namespace OrleansNlp.Client;

/// <summary>The body of POST /api/jobs.</summary>
internal sealed record SubmitJobBody(string Text, string? Instruction, object? Metadata, JobPriority? Priority);
