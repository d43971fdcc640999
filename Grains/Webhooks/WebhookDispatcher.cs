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
        if (!settings.IsAllowed(new Uri(callbackUrl)))
        {
            // The allow-list changed since the job was accepted: never call a host that is not on it.
            return new WebhookOutcome(0, "The callback host is not on the allow-list.", GiveUp: true);
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
                ShouldHandle = new PredicateBuilder().Handle<Exception>(exception => exception is not OperationCanceledException || !ct.IsCancellationRequested),
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
            logger.LogWarning("Job {JobId} could not deliver its webhook (attempt {Attempt}): {Reason}",
                snapshot.JobId, attemptsSoFar + attempts, exception.Message);
            return new WebhookOutcome(attempts, exception.Message);
        }
    }
}
