namespace OrleansNlp.Models;

/// <summary>What a submission did: created the job, found the same job already there, or found a different one.</summary>
[GenerateSerializer, Alias("OrleansNlp.SubmitOutcome")]
public enum SubmitOutcome
{
    Created = 0,
    Existing = 1,
    Conflict = 2,
}
