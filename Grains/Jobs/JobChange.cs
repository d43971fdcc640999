using OrleansNlp.Models;

namespace OrleansNlp;

/// <summary>What one <see cref="JobState"/> move asks of the grain: persist it (unless the pipeline decided the move is
/// cheap to redo after a crash: <see cref="Persist"/> false); publish a progress event when <see cref="Publish"/>; move
/// the job in the status index when the status changed (<see cref="Previous"/> is null for a new job).</summary>
public readonly record struct JobChange(JobStatus? Previous, JobStatus Status, bool Publish, bool Persist = true)
{
    public bool StatusChanged => Previous != Status;
}
