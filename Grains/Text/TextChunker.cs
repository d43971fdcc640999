namespace OrleansNlp.Text;

/// <summary>Packs consecutive sentences into chunks of at most a given number of tokens; a longer sentence is cut
/// between words. A chunk's text splits back into the same sentences (<see cref="SentenceSplitter"/>), except where
/// only a blank line had separated them.</summary>
public static class TextChunker
{
    /// <param name="text">The text to split.</param>
    /// <param name="maxTokens">The most tokens one chunk may hold.</param>
    /// <param name="countTokens">The tokenizer's count for a piece of text; counts must add up over whitespace.</param>
    public static IReadOnlyList<string> Chunk(string text, int maxTokens, Func<string, int> countTokens)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxTokens, 1);
        var chunks = new List<string>();
        var current = new List<string>();
        var currentTokens = 0;
        foreach (var sentence in SentenceSplitter.Split(text))
        {
            foreach (var (piece, tokens) in CutLongSentence(sentence, maxTokens, countTokens))
            {
                if (currentTokens > 0 && currentTokens + tokens > maxTokens)
                {
                    chunks.Add(SentenceSplitter.Join(current));
                    current.Clear();
                    currentTokens = 0;
                }

                current.Add(piece);
                currentTokens += tokens;
            }
        }

        if (current.Count > 0)
        {
            chunks.Add(SentenceSplitter.Join(current));
        }

        return chunks;
    }

    /// <summary>The sentences of a text joined by single spaces (none after 。！？): the one chunk of a text that fits
    /// whole.</summary>
    public static string Single(string text) => SentenceSplitter.Join(SentenceSplitter.Split(text));

    private static IEnumerable<(string Piece, int Tokens)> CutLongSentence(string sentence, int maxTokens, Func<string, int> countTokens)
    {
        var tokens = countTokens(sentence);
        if (tokens <= maxTokens)
        {
            yield return (sentence, tokens);
            yield break;
        }

        // A word longer than the limit on its own becomes its own piece; the model truncates it.
        var piece = new List<string>();
        var pieceTokens = 0;
        foreach (var word in sentence.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            var wordTokens = countTokens(word);
            if (pieceTokens > 0 && pieceTokens + wordTokens > maxTokens)
            {
                yield return (string.Join(' ', piece), pieceTokens);
                piece.Clear();
                pieceTokens = 0;
            }

            piece.Add(word);
            pieceTokens += wordTokens;
        }

        if (piece.Count > 0)
        {
            yield return (string.Join(' ', piece), pieceTokens);
        }
    }
}
