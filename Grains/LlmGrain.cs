using Orleans.Concurrency;
using OrleansNlp.Llm;
using OrleansNlp.Models;
using OrleansNlp.Resilience;

namespace OrleansNlp;

/// <summary>LLM stage: produces the job's output from the instruction and the embedded chunks.</summary>
[StatelessWorker]
public sealed class LlmGrain(ILlmProvider provider, StageCancellation cancellation) : Grain, ILlmGrain
{
    public async Task<LlmOutput> GenerateAsync(LlmRequest request, CancellationToken cancellationToken = default)
    {
        using var cancel = cancellation.Link(request.JobId, cancellationToken);
        cancel.Token.ThrowIfCancellationRequested();
        return await provider.GenerateAsync(request, cancel.Token);
    }
}
