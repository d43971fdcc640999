using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansNlp.Models;
using Polly;

namespace OrleansNlp.Webhooks;

/// <summary>Delivers a job's final snapshot to its callbackUrl with a few quick retries, and says what happened; the
/// job records the <see cref="WebhookOutcome"/> (and its reminder tries again later, up to Webhooks:MaxAttempts).
/// Delivery is at least once: a crash between a successful POST and recording it sends the snapshot again.</summary>
public sealed class WebhookDispatcher(WebhookSender sender, IOptions<WebhookOptions> options, ILogger<WebhookDispatcher> logger)
{
    public int MaxAttempts => options.Value.MaxAttempts;

    /// <summary>Tries up to 1 + 3 quick retries (fewer when <paramref name="attemptsSoFar"/> nears the maximum).
    /// Throws <see cref="OperationCanceledException"/> only when <paramref name="ct"/> fires (deactivation).</summary>
    public async Task<WebhookOutcome> DeliverAsync(JobSnapshot snapshot, string callbackUrl, int attemptsSoFar, CancellationToken ct)
    {
        var settings = options.Value;
        if (settings.Check(callbackUrl) is { } refusal)
        {
            // The settings changed since the job was accepted: never call a host or port that is not allowed.
            return new WebhookOutcome(0, "blocked: " + refusal.Category, GiveUp: true);
        }

        var quickRetries = Math.Min(3, settings.MaxAttempts - attemptsSoFar - 1);
        var builder = new ResiliencePipelineBuilder();
        if (quickRetries > 0)
        {
            builder.AddRetry(new Polly.Retry.RetryStrategyOptions
            {
                MaxRetryAttempts = quickRetries,
                Delay = settings.RetryBaseDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = new PredicateBuilder().Handle<Exception>(exception =>
                    Blocked(exception) is null && (exception is not OperationCanceledException || !ct.IsCancellationRequested)),
            });
        }

        var attempts = 0;
        try
        {
            await builder.Build().ExecuteAsync(async token =>
            {
                attempts++;
                await sender.SendAsync(callbackUrl, snapshot, token);
            }, ct);
            return new WebhookOutcome(attempts, null);
        }
        catch (Exception exception) when (!ct.IsCancellationRequested)
        {
            // The log keeps the details for operators; the job (readable by its submitter) gets only a category.
            logger.LogWarning("Job {JobId} could not deliver its webhook (attempt {Attempt}): {Reason}",
                snapshot.JobId, attemptsSoFar + attempts, exception.Message);
            // Refused by the egress policy: the receiver's address is internal; trying again would not change that.
            return new WebhookOutcome(attempts, Describe(exception), GiveUp: Blocked(exception) is not null);
        }
    }

    /// <summary>What webhook.lastError shows for a failed attempt: a category, never a host, port, address or the
    /// receiver's own words (the submitter reads it, so it must not work as a port scanner).</summary>
    public static string Describe(Exception exception) => exception switch
    {
        _ when Blocked(exception) is { } blocked => blocked.Message,
        HttpRequestException { StatusCode: { } status } => $"receiver answered {(int)status}",
        OperationCanceledException or TimeoutException => "timed out",
        HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError or HttpRequestError.ConnectionError } => "connection failed",
        HttpRequestException { HttpRequestError: HttpRequestError.SecureConnectionError } => "secure connection failed",
        HttpRequestException { HttpRequestError: HttpRequestError.ResponseEnded or HttpRequestError.InvalidResponse } => "invalid response",
        _ => "delivery failed",
    };

    private static WebhookBlockedException? Blocked(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is WebhookBlockedException blocked)
            {
                return blocked;
            }
        }

        return null;
    }
}
