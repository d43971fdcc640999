using OrleansNlp.Models;

namespace OrleansNlp;

/// <summary>Embedding stage worker (a stateless worker: runs on the caller's silo).</summary>
[Alias("OrleansNlp.IEmbeddingGrain")]
public interface IEmbeddingGrain : IGrainWithIntegerKey
{
    [Alias("Embed")]
    Task<EmbeddingOutput> EmbedAsync(EmbeddingRequest request, CancellationToken cancellationToken = default);
}
