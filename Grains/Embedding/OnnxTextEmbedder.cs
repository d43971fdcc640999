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

        var ids = TokenizeAll(texts);
        var items = new QueuedEmbedding[texts.Count];
        for (var i = 0; i < texts.Count; i++)
        {
            items[i] = batcher.Enqueue(ids[i], endsCall: i == texts.Count - 1, cancellationToken);
        }

        var vectors = await Task.WhenAll(items.Select(item => item.Task));
        return new EmbeddedTexts(vectors, TimeSpan.FromTicks(items.Sum(item => item.WorkTime.Ticks)));
    }

    /// <summary>Token ids of each text. A text made of sentences that are inputs too (a chunk and the sentences the
    /// extractive summary ranks) gets theirs end to end instead of being tokenized again: WordPiece works word by word,
    /// and <see cref="SentenceSplitter.Join"/> puts sentences together at white space or after 。！？, where words end.</summary>
    public int[][] TokenizeAll(IReadOnlyList<string> texts)
    {
        var ids = new int[texts.Count][];
        var byText = new Dictionary<string, int[]>(texts.Count);
        var sentencesOf = new IReadOnlyList<string>?[texts.Count];
        var inputs = new HashSet<string>(texts);
        for (var i = 0; i < texts.Count; i++)
        {
            var sentences = SentenceSplitter.Split(texts[i]);
            if (sentences.Count > 1 && sentences.All(inputs.Contains) && SentenceSplitter.Join(sentences) == texts[i])
            {
                sentencesOf[i] = sentences;
            }
        }

        for (var i = 0; i < texts.Count; i++)
        {
            if (sentencesOf[i] is null)
            {
                ids[i] = Tokenized(texts[i]);
            }
        }

        for (var i = 0; i < texts.Count; i++)
        {
            if (sentencesOf[i] is { } sentences)
            {
                ids[i] = Concatenated(sentences.Select(Tokenized)) ?? model.Tokenize(texts[i]);
            }
        }

        return ids;

        int[] Tokenized(string text) => byText.TryGetValue(text, out var known) ? known : byText[text] = model.Tokenize(text);
    }

    /// <summary>[CLS], each sentence's tokens, [SEP]; null when that is longer than the model takes (then the text is
    /// tokenized, and truncated, whole).</summary>
    private int[]? Concatenated(IEnumerable<int[]> sentences)
    {
        var parts = sentences.ToList();
        var length = 2 + parts.Sum(part => part.Length - 2);
        if (length > model.MaxTokens)
        {
            return null;
        }

        var ids = new int[length];
        ids[0] = parts[0][0];
        var at = 1;
        foreach (var part in parts)
        {
            part.AsSpan(1, part.Length - 2).CopyTo(ids.AsSpan(at));
            at += part.Length - 2;
        }

        ids[^1] = parts[0][^1];
        return ids;
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
