namespace OrleansNlp.Batches;

/// <summary>Batch settings, bound from the "Batches" configuration section. Retention and the reminder period are the
/// jobs' (Jobs:Retention, Jobs:WatchdogPeriod).</summary>
public sealed class BatchOptions
{
    public const string SectionName = "Batches";

    /// <summary>How often at most a running batch records and publishes its counts (each record is one write of the
    /// batch's state and one progress event).</summary>
    public TimeSpan ProgressInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How many job submissions (or cancellations, or status reads) a batch has in flight at once.</summary>
    public int FanOutConcurrency { get; set; } = 64;
}
