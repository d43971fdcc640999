using OrleansNlp.Embedding;

namespace OrleansNlp.Tests.Infrastructure;

/// <summary>Adds latency to each embedding call, as a slow model would, so tests can act while jobs run.</summary>
public sealed class DelayedTextEmbedder(ITextEmbedder inner, TimeSpan delay) : ITextEmbedder
{
    public string Model => inner.Model;

    public int Dimensions => inner.Dimensions;

    public IReadOnlyList<string> Chunk(string text) => inner.Chunk(text);

    public async ValueTask<float[][]> EmbedAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        await Task.Delay(delay, cancellationToken);
        return await inner.EmbedAsync(texts, cancellationToken);
    }
}
