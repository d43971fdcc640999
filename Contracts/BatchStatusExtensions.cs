namespace OrleansNlp;

/// <summary>What every side needs to know about a <see cref="BatchStatus"/>.</summary>
public static class BatchStatusExtensions
{
    /// <summary>Completed and cancelled batches never change again (an operator retry of one of their failed jobs aside).</summary>
    public static bool IsFinal(this BatchStatus status) => status is BatchStatus.Completed or BatchStatus.Cancelled;
}
