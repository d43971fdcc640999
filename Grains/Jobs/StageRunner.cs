using Microsoft.Extensions.Logging;
using OrleansNlp.Models;
using Polly;

namespace OrleansNlp.Jobs;

/// <summary>
/// Runs one stage of a job: attempt accounting against <c>Jobs:StageRetries</c>, retries with backoff for transient
/// failures, and the one cancellation mechanism both workers share: each attempt registers its own token in the silo's
/// <see cref="StageCancellation"/>, which the worker links with its time limit (<c>Jobs:StageTimeout</c>, applied by
/// the worker once the work starts), and the job stops waiting when the token fires. State changes go through the
/// grain's <c>apply</c> callback, so every move is a guarded <see cref="JobState"/> method. Each attempt is recorded as
/// run on <paramref name="silo"/> (the job's own silo, where its stateless workers run).
/// </summary>
public sealed class StageRunner(
    string jobId,
    JobOptions options,
    StageCancellation cancellation,
    StageRetryPolicy retry,
    Func<JobState> state,
    Func<Func<JobState, JobChange?>, Task<bool>> apply,
    ILogger logger,
    string? silo = null)
{
    /// <summary>The stage whose current attempt this activation started (and counted); any other stage found under
    /// way was interrupted and runs again as a new attempt.</summary>
    private JobStage? _attemptOpenFor;

    /// <summary>The silo this job's stages run on (its address), as recorded in <see cref="JobState.RanOn"/>.</summary>
    public string? Silo => silo;

    public void Forget() => _attemptOpenFor = null;

    /// <summary>Starts the first attempt of a stage (progress and message as given).</summary>
    public async Task<bool> EnterAsync(Func<JobState, JobChange?> move, JobStage stage)
    {
        var entered = await apply(move);
        if (entered)
        {
            _attemptOpenFor = stage;
        }

        return entered;
    }

    /// <summary>Runs the stage's call until it succeeds, fails for good (the job is failed, null returned) or the job
    /// is cancelled or deactivating (<paramref name="ct"/>; null returned).</summary>
    public async Task<T?> RunAsync<T>(JobStage stage, Func<Task<T>> call, CancellationToken ct) where T : class
    {
        var job = state();
        if (_attemptOpenFor != stage)
        {
            // The stage was under way when this activation started (crash, retry): this run is a new attempt.
            if (job.AttemptsSinceRetryOf(stage) > options.StageRetries)
            {
                await FailAsync($"{NameOf(stage)} stage gave up after {job.AttemptsSinceRetryOf(stage)} attempts");
                return null;
            }

            var message = $"{NameOf(stage)} stage running again (attempt {job.AttemptsOf(stage) + 1})";
            if (!await EnterAsync(s => s.EnterStage(stage, s.Progress, message, DateTime.UtcNow, silo), stage))
            {
                return null;
            }
        }

        var retriesLeft = Math.Max(0, options.StageRetries - (job.AttemptsSinceRetryOf(stage) - 1));
        // Polly must resume on the grain's scheduler: grain state is single-threaded.
        var context = ResilienceContextPool.Shared.Get(continueOnCapturedContext: true, ct);
        context.Properties.Set(StageRetryPolicy.OnRetryKey, (delay, failure) => new ValueTask(OnRetryAsync(stage, delay, failure)));
        try
        {
            return await retry.For<T>(retriesLeft).ExecuteAsync(static async (ctx, run) =>
            {
                // A token of this attempt's own, cancelled when the attempt ends however it ends, so that a worker left
                // running stops; Polly reuses its pooled sources.
                using var attempt = CancellationTokenSource.CreateLinkedTokenSource(ctx.CancellationToken);
                using var registration = run.cancellation.Register(run.jobId, attempt.Token);
                try
                {
                    return await AbandonableCall.WaitAsync(run.call(), attempt.Token);
                }
                finally
                {
                    attempt.Cancel();
                }
            }, context, (call, cancellation, jobId));
        }
        catch (Exception exception) when (!ct.IsCancellationRequested && exception is not JobStoreUnavailableException)
        {
            var attempts = state().AttemptsSinceRetryOf(stage);
            var reason = TransientFailures.IsTransient(exception)
                ? $"{NameOf(stage)} stage failed after {attempts} attempt(s): {exception.Message}"
                : $"{NameOf(stage)} stage failed: {exception.Message}";
            logger.LogWarning(exception, "Job {JobId} failed at {Stage}", jobId, stage);
            await FailAsync(reason);
            return null;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private Task<bool> FailAsync(string reason) => apply(s => s.Fail(reason, DateTime.UtcNow, options.Retention));

    private Task OnRetryAsync(JobStage stage, TimeSpan delay, Exception failure)
    {
        logger.LogInformation("Job {JobId} retries {Stage} in {Delay}: {Reason}", jobId, stage, delay, failure.Message);
        var message = $"{NameOf(stage)} attempt {state().AttemptsOf(stage)} failed ({failure.Message}); retrying in {delay.TotalSeconds:0.#} s";
        return apply(s => s.RetryStage(message));
    }

    private static string NameOf(JobStage stage) => stage switch
    {
        JobStage.Llm => "LLM",
        JobStage.Generation => "Generation",
        _ => "Embedding",
    };
}
