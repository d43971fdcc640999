using OrleansNlp.Models;

namespace OrleansNlp;

/// <summary>LLM stage worker (a stateless worker: runs on the caller's silo).</summary>
[Alias("OrleansNlp.ILlmGrain")]
public interface ILlmGrain : IGrainWithIntegerKey
{
    // A call may wait for a free slot and retry a throttled provider: the job's stage time limit bounds it, not
    // Orleans' default 30 s response timeout.
    [Alias("Generate"), ResponseTimeout("00:10:00")]
    Task<LlmOutput> GenerateAsync(LlmRequest request, CancellationToken cancellationToken = default);
}
