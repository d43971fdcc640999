using Microsoft.Extensions.DependencyInjection;
using OrleansNlp.Embedding;

namespace OrleansNlp.Hosting;

/// <summary>Embedding stage services of a silo: the ONNX model, its batcher and the <see cref="ITextEmbedder"/>
/// (singletons: one per silo), loaded at start-up.</summary>
public static class EmbeddingSiloExtensions
{
    public static ISiloBuilder AddOrleansNlpEmbedding(this ISiloBuilder silo)
    {
        silo.Services.AddOptions<EmbeddingOptions>().BindConfiguration(EmbeddingOptions.SectionName);
        silo.Services.AddSingleton<OnnxEmbeddingModel>();
        silo.Services.AddSingleton<EmbeddingBatcher>();
        silo.Services.AddSingleton<ITextEmbedder, OnnxTextEmbedder>();
        silo.Services.AddHostedService<EmbeddingModelLoader>();
        return silo;
    }
}
