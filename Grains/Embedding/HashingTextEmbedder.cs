using System.IO.Hashing;
using System.Text;
using OrleansNlp.Text;

namespace OrleansNlp.Embedding;

/// <summary>
/// A bag-of-words embedder using the hashing trick (signed feature hashing of content words).
/// Deterministic and dependency-free: texts sharing words get similar vectors, nothing more.
/// </summary>
public sealed class HashingTextEmbedder : ITextEmbedder
{
    public string Model => "hashed-bow-256";

    public int Dimensions => 256;

    public int MaxWordsPerChunk => 128;

    public ValueTask<float[][]> EmbedAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        var vectors = new float[texts.Count][];
        for (var i = 0; i < texts.Count; i++)
        {
            vectors[i] = EmbedOne(texts[i]);
        }

        return ValueTask.FromResult(vectors);
    }

    private float[] EmbedOne(string text)
    {
        var vector = new float[Dimensions];
        Span<byte> buffer = stackalloc byte[256];
        foreach (var word in TextAnalyzer.ContentWords(text))
        {
            var bytes = Encoding.UTF8.GetByteCount(word) <= buffer.Length
                ? buffer[..Encoding.UTF8.GetBytes(word, buffer)]
                : Encoding.UTF8.GetBytes(word);
            var hash = XxHash32.HashToUInt32(bytes);
            var sign = (hash & 0x8000_0000) == 0 ? 1f : -1f;
            vector[(int)(hash % (uint)Dimensions)] += sign;
        }

        return VectorMath.Normalize(vector);
    }
}
