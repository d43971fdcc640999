using OrleansNlp.Models;

namespace OrleansNlp;

/// <summary>Embedding stage worker (a stateless worker: runs on the caller's silo).</summary>
[Alias("OrleansNlp.IEmbeddingGrain")]
public interface IEmbeddingGrain : IGrainWithIntegerKey
{
    /// <summary>No cancellation token: a job cancels its running stage through the silo's stage registry (Orleans does
    /// not route a call's cancellation to the stateless worker activation that runs it). The request's AttemptTimeout
    /// bounds the work; the response timeout is only a backstop above it.</summary>
    [Alias("Embed"), ResponseTimeout("00:10:00")]
    Task<EmbeddingOutput> EmbedAsync(EmbeddingRequest request);
}
