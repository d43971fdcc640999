using OrleansNlp.Embedding;
using OrleansNlp.Text;

namespace OrleansNlp.Tests.Infrastructure;

/// <summary>An <see cref="ITextEmbedder"/> with hand-made vectors: a text's vector is the normalised vector of the
/// first key it contains (a zero vector when none), so tests choose what is similar. Records every call.</summary>
public sealed class TableEmbedder(params (string Key, float[] Vector)[] table) : ITextEmbedder
{
    public List<IReadOnlyList<string>> Calls { get; } = [];

    public string Model => "table";

    public int Dimensions => table.Length == 0 ? 3 : table[0].Vector.Length;

    public IReadOnlyList<string> Chunk(string text) => [TextChunker.Single(text)];

    public ValueTask<float[][]> EmbedAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Calls.Add(texts.ToArray());
        return ValueTask.FromResult(texts.Select(Vector).ToArray());
    }

    public float[] Vector(string text) =>
        table.FirstOrDefault(entry => text.Contains(entry.Key, StringComparison.Ordinal)).Vector is { } vector
            ? VectorMath.Normalize(vector.ToArray())
            : new float[Dimensions];
}
