using Orleans.Concurrency;
using OrleansNlp.Llm;
using OrleansNlp.Models;

namespace OrleansNlp;

/// <summary>LLM stage: produces the job's output from the instruction and the embedded chunks.</summary>
[StatelessWorker]
public sealed class LlmGrain(ExtractiveSummarizer summarizer) : Grain, ILlmGrain
{
    public Task<LlmOutput> GenerateAsync(LlmRequest request, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(summarizer.Summarize(request));
    }
}
