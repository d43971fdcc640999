using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace OrleansNlp.WebFrontend.Security;

/// <summary>The texts of batches, counted per client (the same key as submissions) in a fixed window of the same
/// length and size as the submission limit: a batch of N texts takes N permits (all of a window when N is larger), so
/// batches cannot multiply a client's rate by 1,000. The batch request itself also takes one submission permit.</summary>
public sealed class BatchTextBudget : IDisposable
{
    private readonly RateLimitingOptions _settings;
    private readonly PartitionedRateLimiter<string> _limiter;

    public BatchTextBudget(IOptions<RateLimitingOptions> options)
    {
        _settings = options.Value;
        var window = TimeSpan.FromSeconds(_settings.WindowSeconds);
        _limiter = PartitionedRateLimiter.Create<string, string>(client => RateLimitPartition.GetFixedWindowLimiter(client,
            _ => new FixedWindowRateLimiterOptions { PermitLimit = _settings.PermitLimit, Window = window, QueueLimit = 0 }));
    }

    /// <summary>Takes one permit per text; a 429 problem with Retry-After when the client's window has too few left.</summary>
    public ProblemHttpResult? TryTake(HttpContext context, int texts)
    {
        using var lease = _limiter.AttemptAcquire(RateLimits.ClientKey(context), Math.Min(texts, _settings.PermitLimit));
        if (lease.IsAcquired)
        {
            return null;
        }

        var wait = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(_settings.WindowSeconds);
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many submissions",
            detail: $"A batch counts one submission per text: at most {_settings.PermitLimit} texts per client per {_settings.WindowSeconds} s; retry after {seconds} s.");
    }

    public void Dispose() => _limiter.Dispose();
}
