namespace OrleansNlp.Client;

/// <summary>Where a job is in its lifecycle: pending → processing → completed | failed | cancelled (the last three are final).</summary>
public enum JobStatus
{
    Pending,
    Processing,
    Completed,
    Failed,
    Cancelled,
}
