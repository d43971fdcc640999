using Orleans.Concurrency;
using OrleansNlp.Llm;
using OrleansNlp.Models;
using OrleansNlp.Resilience;
using Polly;

namespace OrleansNlp;

/// <summary>
/// LLM stage: produces the job's output from the instruction and the embedded chunks. Each attempt waits for a slot of
/// the silo's <see cref="PriorityGate"/>, so at most Llm:MaxConcurrencyPerSilo provider calls run at once, served by
/// job priority; transient provider failures are retried (<see cref="LlmRetryPolicy"/>) without holding a slot.
/// </summary>
/// <remarks>
/// The call is I/O-bound and the grain has no state, so it is reentrant: one activation keeps any number of calls in
/// flight, interleaved at their awaits. A non-reentrant stateless worker runs one call per activation, and its default
/// limit of ProcessorCount activations would serialise the silo's LLM calls to two at a time here; raising
/// MaxLocalWorkers to hundreds would instead create hundreds of activations to hold what are only pending HTTP requests.
/// The gate, not the activation count, bounds concurrency.
/// </remarks>
[StatelessWorker, Reentrant]
public sealed class LlmGrain(ILlmProvider provider, PriorityGate gate, LlmRetryPolicy retry, StageCancellation cancellation) : Grain, ILlmGrain
{
    public async Task<LlmOutput> GenerateAsync(LlmRequest request, CancellationToken cancellationToken = default)
    {
        using var cancel = cancellation.Link(request.JobId, cancellationToken);
        cancel.Token.ThrowIfCancellationRequested();
        // The call's CPU work (prompt, JSON, HTTP) runs on the thread pool: this grain has no state to protect, and a
        // worker activation's scheduler is single-threaded, so hundreds of calls would otherwise queue behind each
        // other's turns on the few activations there are.
        return await Task.Run(() => CallProviderAsync(request, cancel.Token), cancel.Token);
    }

    private async Task<LlmOutput> CallProviderAsync(LlmRequest request, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(LlmRetryPolicy.JobIdKey, request.JobId);
        try
        {
            return await retry.Pipeline.ExecuteAsync(static async (context, state) =>
            {
                using var slot = await state.gate.EnterAsync(state.request.Priority, context.CancellationToken);
                // The stage time limit counts from here: waiting for a slot under load is not the attempt being slow.
                using var limit = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken);
                if (state.request.AttemptTimeout is { } attemptTimeout)
                {
                    limit.CancelAfter(attemptTimeout);
                }

                try
                {
                    return await state.provider.GenerateAsync(state.request, limit.Token);
                }
                catch (OperationCanceledException) when (limit.IsCancellationRequested && !context.CancellationToken.IsCancellationRequested)
                {
                    throw new TransientStageException($"The LLM call did not finish within the stage time limit of {state.request.AttemptTimeout}.");
                }
            }, context, (gate, provider, request));
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
