using Microsoft.Extensions.DependencyInjection;
using OrleansNlp.Embedding;

namespace OrleansNlp.Hosting;

/// <summary>Registers the ONNX embedding model, its batcher and the <see cref="ITextEmbedder"/> (singletons: one per silo).</summary>
public static class EmbeddingServiceCollectionExtensions
{
    public static IServiceCollection AddOnnxTextEmbedding(this IServiceCollection services)
    {
        services.AddOptions<EmbeddingOptions>().BindConfiguration(EmbeddingOptions.SectionName);
        services.AddSingleton<OnnxEmbeddingModel>();
        services.AddSingleton<EmbeddingBatcher>();
        services.AddSingleton<ITextEmbedder, OnnxTextEmbedder>();
        services.AddHostedService<EmbeddingModelLoader>();
        return services;
    }
}
