namespace OrleansNlp.Contracts;

/// <summary>How many of a batch's jobs have each status. A job not created yet counts as pending.</summary>
public sealed record BatchCounts(int Pending, int Processing, int Completed, int Failed, int Cancelled);
