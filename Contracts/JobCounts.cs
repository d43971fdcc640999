namespace OrleansNlp.Contracts;

/// <summary>Jobs per status, as the status index lists them (a job that is moving may show under both statuses for a
/// moment). Final jobs count until their retention ends.</summary>
public sealed record JobCounts(long Pending, long Processing, long Completed, long Failed, long Cancelled);
