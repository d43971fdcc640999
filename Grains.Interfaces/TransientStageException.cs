namespace OrleansNlp;

/// <summary>A stage failure worth retrying (a timeout, an overloaded provider, a lost connection).
/// Any other exception from a stage fails the job at once.</summary>
[GenerateSerializer, Alias("OrleansNlp.TransientStageException")]
public sealed class TransientStageException : Exception
{
    public TransientStageException(string message, TimeSpan? retryAfter = null, Exception? inner = null)
        : base(message, inner) => RetryAfter = retryAfter;

    /// <summary>How long the failing service asked us to wait, when it said so.</summary>
    [Id(0)] public TimeSpan? RetryAfter { get; }
}
