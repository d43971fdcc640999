namespace OrleansNlp.Models;

/// <summary>Where a job is in its lifecycle. Completed, Failed and Cancelled are final.</summary>
[GenerateSerializer, Alias("OrleansNlp.JobStatus")]
public enum JobStatus
{
    Pending = 0,
    Processing = 1,
    Completed = 2,
    Failed = 3,
    Cancelled = 4,
}
