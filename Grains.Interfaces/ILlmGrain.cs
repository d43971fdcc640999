using OrleansNlp.Models;

namespace OrleansNlp;

/// <summary>LLM stage worker (a stateless worker: runs on the caller's silo).</summary>
[Alias("OrleansNlp.ILlmGrain")]
public interface ILlmGrain : IGrainWithIntegerKey
{
    [Alias("Generate")]
    Task<LlmOutput> GenerateAsync(LlmRequest request, CancellationToken cancellationToken = default);
}
