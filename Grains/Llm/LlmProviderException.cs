namespace OrleansNlp.Llm;

/// <summary>An LLM provider's failure. Transient ones (HTTP 429, 408, 5xx, network) are retried by the LLM stage and,
/// once its retries run out, become a <see cref="TransientStageException"/>; any other fails the job with this message.</summary>
[GenerateSerializer, Alias("OrleansNlp.LlmProviderException")]
public sealed class LlmProviderException : Exception
{
    public LlmProviderException(string message, bool isTransient, int? statusCode = null, TimeSpan? retryAfter = null, Exception? inner = null)
        : base(message, inner)
    {
        IsTransient = isTransient;
        StatusCode = statusCode;
        RetryAfter = retryAfter;
    }

    [Id(0)] public bool IsTransient { get; }

    /// <summary>The HTTP status the provider answered with; null when no answer came.</summary>
    [Id(1)] public int? StatusCode { get; }

    /// <summary>How long the provider asked us to wait (Retry-After or retry-after-ms), when it said so.</summary>
    [Id(2)] public TimeSpan? RetryAfter { get; }
}
