namespace OrleansNlp;

/// <summary>Job pipeline settings, bound from the "Jobs" configuration section.</summary>
public sealed class JobOptions
{
    public const string SectionName = "Jobs";

    /// <summary>Period of the reminder that restarts a job's pipeline after a crash. Recovery takes at most
    /// failure detection plus this period. Must be at least the reminder service's minimum period.</summary>
    public TimeSpan WatchdogPeriod { get; set; } = TimeSpan.FromMinutes(1);
}
