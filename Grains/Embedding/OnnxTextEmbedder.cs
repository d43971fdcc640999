using OrleansNlp.Text;

namespace OrleansNlp.Embedding;

/// <summary>The silo's <see cref="ITextEmbedder"/>: tokenizes on the caller's thread, then hands the texts to the
/// per-silo <see cref="EmbeddingBatcher"/> so concurrent requests share inference runs.</summary>
public sealed class OnnxTextEmbedder(EmbeddingBatcher batcher) : ITextEmbedder
{
    private readonly OnnxEmbeddingModel model = batcher.Model;

    public string Model => model.Name;

    public int Dimensions => model.Dimensions;

    public IReadOnlyList<string> Chunk(string text)
    {
        var (mightExceed, singleSpaced) = Inspect(text, model.MaxTextTokens);
        if (mightExceed)
        {
            return TextChunker.Chunk(text, model.MaxTextTokens, model.CountTokens);
        }

        // Sentences joined by single spaces are the text itself when it has no other white space.
        var whole = singleSpaced ? text.Trim() : TextChunker.Single(text);
        return whole.Length == 0 ? [] : [whole];
    }

    public async ValueTask<float[][]> EmbedAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken = default) =>
        (await EmbedMeasuredAsync(texts, cancellationToken)).Vectors;

    public async ValueTask<EmbeddedTexts> EmbedMeasuredAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (texts.Count == 1)
        {
            var item = batcher.Enqueue(model.Tokenize(texts[0]), endsCall: true, cancellationToken);
            return new EmbeddedTexts([await item.Task], item.WorkTime);
        }

        var items = new QueuedEmbedding[texts.Count];
        for (var i = 0; i < texts.Count; i++)
        {
            items[i] = batcher.Enqueue(model.Tokenize(texts[i]), endsCall: i == texts.Count - 1, cancellationToken);
        }

        var vectors = await Task.WhenAll(items.Select(item => item.Task));
        return new EmbeddedTexts(vectors, TimeSpan.FromTicks(items.Sum(item => item.WorkTime.Ticks)));
    }

    /// <summary>Every WordPiece token covers at least one character that is not white space, so a text with few
    /// enough of those fits without tokenizing it twice (once to count, once to embed).</summary>
    private static (bool MightExceed, bool SingleSpaced) Inspect(string text, int maxTokens)
    {
        var characters = 0;
        var singleSpaced = true;
        var previousWasSpace = false;
        foreach (var c in text)
        {
            if (!char.IsWhiteSpace(c))
            {
                if (++characters > maxTokens)
                {
                    return (true, false);
                }

                previousWasSpace = false;
            }
            else
            {
                singleSpaced &= c == ' ' && !previousWasSpace;
                previousWasSpace = true;
            }
        }

        return (false, singleSpaced);
    }
}
