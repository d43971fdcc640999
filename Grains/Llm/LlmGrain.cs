using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using OrleansNlp.Jobs;
using OrleansNlp.Llm;
using OrleansNlp.Models;
using Polly;

namespace OrleansNlp;

/// <summary>
/// LLM stage: produces the job's output from the instruction and the embedded chunks. Each attempt waits for a slot of
/// the silo's <see cref="PriorityGate"/>, so at most Llm:MaxConcurrencyPerSilo provider calls run at once, served by
/// job priority; transient provider failures are retried (<see cref="LlmRetryPolicy"/>) without holding a slot.
/// </summary>
/// <remarks>
/// The call is I/O-bound and the grain has no state, so it is reentrant: one activation keeps any number of calls in
/// flight, interleaved at their awaits. The gate, not the activation count, bounds concurrency.
/// </remarks>
[StatelessWorker, Reentrant]
public sealed class LlmGrain(
    ILlmProvider provider, PriorityGate gate, LlmRetryPolicy retry, StageCancellation cancellation, IOptions<JobOptions> jobs) : Grain, ILlmGrain
{
    public Task<LlmOutput> GenerateAsync(LlmRequest request)
    {
        // The attempt's token, taken once: the job unregisters it when the attempt ends.
        var attempt = cancellation.TokenFor(request.JobId);
        attempt.ThrowIfCancellationRequested();
        // The call's CPU work (prompt, JSON, HTTP) runs on the thread pool: this grain has no state to protect, and a
        // worker activation's scheduler is single-threaded.
        return Task.Run(() => CallProviderAsync(request, attempt));
    }

    private async Task<LlmOutput> CallProviderAsync(LlmRequest request, CancellationToken attempt)
    {
        // Waiting for slots and retrying is bounded by the queue timeout and the job's cancellation.
        using var queue = CancellationTokenSource.CreateLinkedTokenSource(attempt);
        queue.CancelAfter(jobs.Value.LlmQueueTimeout);
        var context = ResilienceContextPool.Shared.Get(queue.Token);
        context.Properties.Set(LlmRetryPolicy.JobIdKey, request.JobId);
        try
        {
            return await retry.Pipeline.ExecuteAsync(static async (context, state) =>
            {
                using var slot = await state.gate.EnterAsync(state.request.Priority, context.CancellationToken);
                // The stage time limit counts from here: waiting for a slot under load is not the attempt being slow.
                using var work = new StageWork(state.attempt, state.request.AttemptTimeout);
                return await work.RunAsync(static (s, token) => s.provider.GenerateAsync(s.request, token), state, "LLM");
            }, context, (gate, provider, request, attempt));
        }
        catch (OperationCanceledException) when (queue.IsCancellationRequested && !attempt.IsCancellationRequested)
        {
            throw new TransientStageException($"No LLM capacity slot was free within {jobs.Value.LlmQueueTimeout}.");
        }
        catch (LlmProviderException failure) when (failure.IsTransient)
        {
            // This call's retries are spent: the job's stage retry takes over and honours the provider's Retry-After.
            throw new TransientStageException(failure.Message, failure.RetryAfter);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }
}
