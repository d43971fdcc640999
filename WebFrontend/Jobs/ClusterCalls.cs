using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace OrleansNlp.WebFrontend.Jobs;

/// <summary>
/// Retries idempotent grain calls a few times when a silo has just died and the cluster has not noticed yet
/// (the call is refused at once). Submissions are safe to repeat: the job id is fixed before the first try.
/// After the retries the error becomes a 503 with Retry-After.
/// </summary>
public static class ClusterCalls
{
    private static readonly ResiliencePipeline Pipeline = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            MaxRetryAttempts = 4,
            Delay = TimeSpan.FromMilliseconds(250),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            ShouldHandle = new PredicateBuilder().Handle<SiloUnavailableException>().Handle<OrleansMessageRejectionException>(),
        })
        .Build();

    /// <summary>A read answers within this time: with the grain's answer, or 503 + Retry-After when the silo holding it has
    /// died and the cluster has not declared it dead yet (a call sent to it would wait for Orleans' 30 s response timeout).</summary>
    public static readonly TimeSpan ReadBudget = TimeSpan.FromSeconds(4.5);

    private static readonly TimeSpan ReadAttemptTimeout = TimeSpan.FromSeconds(2);

    private static readonly ResiliencePipeline Reads = new ResiliencePipelineBuilder()
        .AddTimeout(ReadBudget)
        .AddRetry(new RetryStrategyOptions
        {
            MaxRetryAttempts = 3,
            Delay = TimeSpan.FromMilliseconds(100),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            ShouldHandle = new PredicateBuilder()
                .Handle<SiloUnavailableException>()
                .Handle<OrleansMessageRejectionException>()
                .Handle<TimeoutRejectedException>(),
        })
        .AddTimeout(ReadAttemptTimeout)
        .Build();

    public static ValueTask<T> RunAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken ct) =>
        Pipeline.ExecuteAsync(async token => await call(token), ct);

    /// <summary>An idempotent read with a deadline (<see cref="ReadBudget"/>); a timed-out read throws
    /// <see cref="TimeoutRejectedException"/>, which the API answers with 503 and Retry-After.</summary>
    public static ValueTask<T> ReadAsync<T>(Func<Task<T>> call, CancellationToken ct) =>
        Reads.ExecuteAsync(async token => await call().WaitAsync(token), ct);
}
