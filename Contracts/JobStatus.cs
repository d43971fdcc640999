namespace OrleansNlp;

/// <summary>Where a job is in its lifecycle: pending → processing → completed | failed | cancelled (the last three are
/// final). The values are stored with jobs and never renumbered; JSON carries the lowercase names.</summary>
public enum JobStatus
{
    Pending = 0,
    Processing = 1,
    Completed = 2,
    Failed = 3,
    Cancelled = 4,
}
