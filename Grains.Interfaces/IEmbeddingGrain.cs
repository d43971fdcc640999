using OrleansNlp.Models;

namespace OrleansNlp;

/// <summary>Embedding stage worker (a stateless worker: runs on the caller's silo).</summary>
[Alias("OrleansNlp.IEmbeddingGrain")]
public interface IEmbeddingGrain : IGrainWithIntegerKey
{
    /// <summary>No cancellation token: a job cancels its running stage through the silo's stage registry (Orleans does
    /// not route a call's cancellation to the stateless worker activation that runs it), and a per-call token would cost
    /// every request a cancellation source. Callers stop waiting with <c>WaitAsync</c>.</summary>
    /// <remarks>Long texts under load may take longer than Orleans' default 30 s response timeout; the job's stage time
    /// limit (<c>Jobs:StageTimeout</c>) is what bounds an attempt.</remarks>
    [Alias("Embed"), ResponseTimeout("00:10:00")]
    Task<EmbeddingOutput> EmbedAsync(EmbeddingRequest request);
}
