using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using OrleansNlp.Datasets;
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
    ILlmProvider provider, IDatasetRowsProvider datasets, PriorityGate gate, LlmRetryPolicy retry, StageCancellation cancellation,
    IOptions<JobOptions> jobs) : Grain, ILlmGrain
{
    public Task<LlmOutput> GenerateAsync(LlmRequest request) =>
        CallAsync(new Call<LlmOutput>(request.JobId, request.Priority, request.AttemptTimeout, token => provider.GenerateAsync(request, token)));

    public Task<DatasetChunk> GenerateRowsAsync(DatasetChunkRequest request) =>
        CallAsync(new Call<DatasetChunk>(request.JobId, request.Priority, request.AttemptTimeout, token => datasets.GenerateRowsAsync(request, token)));

    private Task<T> CallAsync<T>(Call<T> call)
    {
        // The attempt's token, taken once: the job unregisters it when the attempt ends.
        var attempt = cancellation.TokenFor(call.JobId);
        attempt.ThrowIfCancellationRequested();
        // The call's CPU work (prompt, JSON, HTTP) runs on the thread pool: this grain has no state to protect, and a
        // worker activation's scheduler is single-threaded.
        return Task.Run(() => CallProviderAsync(call, attempt));
    }

    private async Task<T> CallProviderAsync<T>(Call<T> call, CancellationToken attempt)
    {
        // Waiting for slots and retrying is bounded by the queue timeout and the job's cancellation.
        using var queue = CancellationTokenSource.CreateLinkedTokenSource(attempt);
        queue.CancelAfter(jobs.Value.LlmQueueTimeout);
        var context = ResilienceContextPool.Shared.Get(queue.Token);
        context.Properties.Set(LlmRetryPolicy.JobIdKey, call.JobId);
        try
        {
            return await retry.Pipeline.ExecuteAsync(static async (context, state) =>
            {
                using var slot = await state.gate.EnterAsync(state.call.Priority, context.CancellationToken);
                // The stage time limit counts from here: waiting for a slot under load is not the attempt being slow.
                using var work = new StageWork(state.attempt, state.call.AttemptTimeout);
                return await work.RunAsync(static (call, token) => call.Work(token), state.call, "LLM");
            }, context, (gate, call, attempt));
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

    /// <summary>One provider call: whose, at which priority, its time limit once it holds a slot, and the work.</summary>
    private sealed record Call<T>(string? JobId, JobPriority Priority, TimeSpan? AttemptTimeout, Func<CancellationToken, Task<T>> Work);
}
