namespace OrleansNlp.Models;

/// <summary>The answer to a batch submission: the batch as it now is, and whether this call created it.</summary>
[GenerateSerializer, Immutable, Alias("OrleansNlp.BatchSubmission")]
public sealed record BatchSubmission(
    [property: Id(0)] BatchSnapshot Snapshot,
    [property: Id(1)] SubmitOutcome Outcome);
