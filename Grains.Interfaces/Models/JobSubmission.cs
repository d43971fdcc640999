namespace OrleansNlp.Models;

/// <summary>The answer to a submission: the job as it now is, and whether this call created it.</summary>
[GenerateSerializer, Immutable, Alias("OrleansNlp.JobSubmission")]
public sealed record JobSubmission(
    [property: Id(0)] JobSnapshot Snapshot,
    [property: Id(1)] SubmitOutcome Outcome);
