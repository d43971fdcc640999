using Polly;
using Polly.Retry;

namespace OrleansNlp.Jobs;

/// <summary>Builds the per-stage Polly pipeline: retries of transient failures with exponential backoff and full
/// jitter, honouring a Retry-After that the failure carries (capped by <c>Jobs:RetryMaxDelay</c>). The time limit of
/// an attempt is the worker's (<see cref="StageCancellation.StartWork"/>).</summary>
public static class StageRetryPolicy
{
    public static ResiliencePipeline Create(JobOptions options, int retries, Func<TimeSpan, Exception, ValueTask> onRetry)
    {
        if (retries <= 0)
        {
            return ResiliencePipeline.Empty;
        }

        return new ResiliencePipelineBuilder().AddRetry(new RetryStrategyOptions
        {
            MaxRetryAttempts = retries,
            ShouldHandle = new PredicateBuilder().Handle<Exception>(TransientFailures.IsTransient),
            DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(Delay(options, args.AttemptNumber, args.Outcome.Exception)),
            OnRetry = args => onRetry(args.RetryDelay, args.Outcome.Exception!),
        }).Build();
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
