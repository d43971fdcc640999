using OrleansNlp.Embedding;

namespace OrleansNlp.Tests.Infrastructure;

/// <summary>The default model (models/glove-6b-100d-sif, copied next to the test binaries), loaded once per test class.</summary>
public sealed class ShippedModelFixture : IDisposable
{
    public OnnxEmbeddingModel Model { get; } = TestModels.Load();

    public void Dispose() => Model.Dispose();
}
