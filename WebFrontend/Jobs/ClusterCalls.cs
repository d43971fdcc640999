using Polly;
using Polly.Retry;

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

    public static ValueTask<T> RunAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken ct) =>
        Pipeline.ExecuteAsync(async token => await call(token), ct);
}
