namespace OrleansNlp.WebFrontend.Security;

/// <summary>The failure of an authentication refused because its address sent too many wrong keys; the challenge
/// turns it into 429 with Retry-After.</summary>
public sealed class AuthenticationThrottledException(TimeSpan retryAfter)
    : Exception("Too many wrong API keys from this address.")
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}
