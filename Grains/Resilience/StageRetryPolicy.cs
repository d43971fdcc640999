using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace OrleansNlp.Resilience;

/// <summary>Builds the per-stage Polly pipeline: a time limit per attempt inside retries with exponential
/// backoff and full jitter, honouring a Retry-After that the failure carries.</summary>
public static class StageRetryPolicy
{
    public static ResiliencePipeline Create(JobOptions options, int retries, TimeSpan timeout, Func<int, TimeSpan, Exception, ValueTask> onRetry)
    {
        var builder = new ResiliencePipelineBuilder();
        if (retries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = retries,
                ShouldHandle = new PredicateBuilder().Handle<Exception>(TransientFailures.IsTransient),
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(Delay(options, args.AttemptNumber, args.Outcome.Exception)),
                OnRetry = args => onRetry(args.AttemptNumber, args.RetryDelay, args.Outcome.Exception!),
            });
        }

        builder.AddTimeout(new TimeoutStrategyOptions { Timeout = timeout });
        return builder.Build();
    }

    /// <summary>Full jitter: uniform in [0, min(cap, base × 2^attempt)]; a server's Retry-After wins when longer.</summary>
    public static TimeSpan Delay(JobOptions options, int attempt, Exception? failure)
    {
        var ceiling = Math.Min(options.RetryMaxDelay.TotalMilliseconds, options.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, attempt));
        var delay = TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * ceiling);
        return failure is TransientStageException { RetryAfter: { } retryAfter } && retryAfter > delay
            ? TimeSpan.FromTicks(Math.Min(retryAfter.Ticks, options.RetryMaxDelay.Ticks))
            : delay;
    }
}
