using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace OrleansNlp.Llm;

/// <summary>
/// Retries one LLM call after a transient provider failure (HTTP 429, 408, 5xx, no answer): exponential backoff with
/// jitter, or the server's Retry-After plus up to 10 % jitter when it sends one, at most <see cref="LlmOptions.MaxRetries"/>
/// times. A Retry-After longer than <see cref="LlmOptions.RetryMaxDelay"/> is not waited out here: the job's stage retry
/// takes over. Shared by all LLM calls of the silo; the job id travels in the resilience context for the logs.
/// </summary>
public sealed class LlmRetryPolicy
{
    public static readonly ResiliencePropertyKey<string?> JobIdKey = new("OrleansNlp.JobId");

    public LlmRetryPolicy(IOptions<LlmOptions> options, ILogger<LlmRetryPolicy> logger) =>
        Pipeline = Create(options.Value, logger);

    public ResiliencePipeline Pipeline { get; }

    public static ResiliencePipeline Create(LlmOptions options, ILogger logger)
    {
        if (options.MaxRetries <= 0)
        {
            return ResiliencePipeline.Empty;
        }

        return new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = options.RetryMaxDelay,
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Exception is LlmProviderException { IsTransient: true } failure && !(failure.RetryAfter > options.RetryMaxDelay)),
                DelayGenerator = args => ValueTask.FromResult(
                    args.Outcome.Exception is LlmProviderException { RetryAfter: { } retryAfter } ? WithJitter(retryAfter) : (TimeSpan?)null),
                OnRetry = args =>
                {
                    args.Context.Properties.TryGetValue(JobIdKey, out var jobId);
                    logger.LogInformation("Job {JobId} retries its LLM call in {Delay} (retry {Retry}): {Reason}",
                        jobId, args.RetryDelay, args.AttemptNumber + 1, args.Outcome.Exception?.Message);
                    return default;
                },
            })
            .Build();
    }

    // Many calls throttled together get the same Retry-After: spread them so they do not all come back at once.
    private static TimeSpan WithJitter(TimeSpan retryAfter) =>
        retryAfter + TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * Math.Min(retryAfter.TotalMilliseconds * 0.1, 1000));
}
