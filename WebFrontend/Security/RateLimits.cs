using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace OrleansNlp.WebFrontend.Security;

/// <summary>ASP.NET Core's fixed-window rate limiter on submissions: per client (its owner id with keys on, else its
/// address) and, when <see cref="RateLimitingOptions.PerAddressPermitLimit"/> is set, per address as well, so that
/// several keys used from one address share that address's budget. Polling and live updates are not limited.</summary>
public static class RateLimits
{
    public const string SubmissionsPolicy = "submissions";

    public static IServiceCollection AddSubmissionRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = configuration.GetSection(RateLimitingOptions.SectionName).Get<RateLimitingOptions>() ?? new();
        var window = TimeSpan.FromSeconds(settings.WindowSeconds);
        return services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(SubmissionsPolicy, context => RateLimitPartition.GetFixedWindowLimiter(
                ClientKey(context),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = settings.PermitLimit, Window = window, QueueLimit = 0 }));
            if (settings.PerAddressPermitLimit > 0)
            {
                // The global limiter runs before the endpoint's policy; it limits only the endpoints of that policy.
                limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => IsSubmission(context)
                    ? RateLimitPartition.GetFixedWindowLimiter(ClientAddress.Of(context),
                        _ => new FixedWindowRateLimiterOptions { PermitLimit = settings.PerAddressPermitLimit, Window = window, QueueLimit = 0 })
                    : RateLimitPartition.GetNoLimiter(string.Empty));
            }

            limiter.OnRejected = async (rejected, ct) =>
            {
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : window;
                var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
                rejected.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                var perAddress = settings.PerAddressPermitLimit > 0 ? $" (and {settings.PerAddressPermitLimit} per address)" : "";
                var problems = rejected.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
                await problems.WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = rejected.HttpContext,
                    ProblemDetails =
                    {
                        Status = StatusCodes.Status429TooManyRequests,
                        Title = "Too many submissions",
                        Detail = $"At most {settings.PermitLimit} submissions per client{perAddress} per {settings.WindowSeconds} s; retry after {seconds} s.",
                    },
                });
            };
        });
    }

    /// <summary>Who a submission is counted against: its owner id with keys on, else its address.</summary>
    public static string ClientKey(HttpContext context) =>
        Caller.Of(context).OwnerId is { } owner ? "owner:" + owner : "address:" + ClientAddress.Of(context);

    private static bool IsSubmission(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName == SubmissionsPolicy;
}
