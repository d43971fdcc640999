using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace OrleansNlp.WebFrontend.Security;

/// <summary>Counts wrong API keys per client address in a fixed window. An address over the limit gets 429 for the
/// rest of the window, even with a right key, so that guessing cannot tell a hit from a refusal.</summary>
public sealed class AuthenticationFailureLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string>? _limiter;

    public AuthenticationFailureLimiter(IOptions<RateLimitingOptions> options)
    {
        var settings = options.Value;
        Window = TimeSpan.FromSeconds(settings.AuthFailureWindowSeconds);
        if (settings.AuthFailurePermitLimit > 0)
        {
            _limiter = PartitionedRateLimiter.Create<string, string>(address => RateLimitPartition.GetFixedWindowLimiter(address,
                _ => new FixedWindowRateLimiterOptions { PermitLimit = settings.AuthFailurePermitLimit, Window = Window, QueueLimit = 0 }));
        }
    }

    public TimeSpan Window { get; }

    /// <summary>True when the address has used up its failures in this window; <paramref name="retryAfter"/> says until when.</summary>
    public bool IsBlocked(string address, out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        if (_limiter is null)
        {
            return false;
        }

        // Asking for zero permits reports whether any are left without taking one.
        using var lease = _limiter.AttemptAcquire(address, 0);
        if (lease.IsAcquired)
        {
            return false;
        }

        retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : Window;
        return true;
    }

    public void RecordFailure(string address)
    {
        using var _ = _limiter?.AttemptAcquire(address);
    }

    public void Dispose() => _limiter?.Dispose();
}
