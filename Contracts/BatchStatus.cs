namespace OrleansNlp;

/// <summary>Where a batch is: pending (no job has started yet), processing, then completed once every job is final
/// (completed, failed or cancelled jobs all count), or cancelled when the batch was cancelled by request. The values are
/// stored with batches and never renumbered; JSON carries the lowercase names.</summary>
public enum BatchStatus
{
    Pending = 0,
    Processing = 1,
    Completed = 2,
    Cancelled = 3,
}
