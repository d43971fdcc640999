using Microsoft.Extensions.Hosting;
using OrleansNlp.Embedding;

namespace OrleansNlp.Hosting;

/// <summary>Loads the embedding model when the host starts, so a wrong path fails the silo's start-up
/// instead of its first job, and the first job does not pay for loading.</summary>
internal sealed class EmbeddingModelLoader(ITextEmbedder embedder) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = embedder.Dimensions;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
