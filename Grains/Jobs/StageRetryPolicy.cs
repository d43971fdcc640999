using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace OrleansNlp.Jobs;

/// <summary>The per-stage Polly pipelines: retries of transient failures with exponential backoff and full jitter,
/// honouring a Retry-After that the failure carries (capped by <c>Jobs:RetryMaxDelay</c>). The time limit of an attempt
/// is the worker's (<see cref="StageCancellation.StartWork"/>). Built once per silo, one for each stage output type and
/// number of retries a stage can have left: building one validates its options by reflection (6 % of a silo's CPU
/// samples when each stage built its own). The job's retry callback travels in the resilience context.</summary>
public sealed class StageRetryPolicy
{
    public static readonly ResiliencePropertyKey<Func<TimeSpan, Exception, ValueTask>> OnRetryKey = new("OrleansNlp.StageRetry.OnRetry");

    private readonly JobOptions _options;
    private readonly ConcurrentDictionary<(Type Output, int RetriesLeft), object> _pipelines = new();

    public StageRetryPolicy(IOptions<JobOptions> options) => _options = options.Value;

    /// <summary>The pipeline for a stage of output <typeparamref name="T"/> with <paramref name="retriesLeft"/> retries
    /// left; set <see cref="OnRetryKey"/> in the context to hear of each retry. Typed, so that Polly runs the stage's
    /// call without bridging it through <c>object</c>.</summary>
    public ResiliencePipeline<T> For<T>(int retriesLeft) =>
        (ResiliencePipeline<T>)_pipelines.GetOrAdd((typeof(T), retriesLeft), static (key, options) => Create<T>(options, key.RetriesLeft), _options);

    private static ResiliencePipeline<T> Create<T>(JobOptions options, int retries)
    {
        if (retries <= 0)
        {
            return ResiliencePipeline<T>.Empty;
        }

        return new ResiliencePipelineBuilder<T>().AddRetry(new RetryStrategyOptions<T>
        {
            MaxRetryAttempts = retries,
            ShouldHandle = new PredicateBuilder<T>().Handle<Exception>(TransientFailures.IsTransient),
            DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(Delay(options, args.AttemptNumber, args.Outcome.Exception)),
            OnRetry = args => args.Context.Properties.TryGetValue(OnRetryKey, out var onRetry)
                ? onRetry(args.RetryDelay, args.Outcome.Exception!)
                : default,
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
