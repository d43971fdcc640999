namespace OrleansNlp.Text;

/// <summary>Packs consecutive sentences into chunks of at most a given number of words; a longer sentence is cut.</summary>
public static class TextChunker
{
    public static IReadOnlyList<string> Chunk(string text, int maxWords)
    {
        var chunks = new List<string>();
        var current = new List<string>();
        var currentWords = 0;
        foreach (var sentence in SentenceSplitter.Split(text))
        {
            foreach (var piece in CutLongSentence(sentence, maxWords))
            {
                var words = CountWords(piece);
                if (currentWords > 0 && currentWords + words > maxWords)
                {
                    chunks.Add(string.Join(' ', current));
                    current.Clear();
                    currentWords = 0;
                }

                current.Add(piece);
                currentWords += words;
            }
        }

        if (current.Count > 0)
        {
            chunks.Add(string.Join(' ', current));
        }

        return chunks;
    }

    private static int CountWords(string text) =>
        text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;

    private static IEnumerable<string> CutLongSentence(string sentence, int maxWords)
    {
        var words = sentence.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length <= maxWords)
        {
            yield return sentence;
            yield break;
        }

        for (var i = 0; i < words.Length; i += maxWords)
        {
            yield return string.Join(' ', words.Skip(i).Take(maxWords));
        }
    }
}
