using System.Runtime.InteropServices;
using OrleansNlp.Models;

namespace OrleansNlp.Text;

/// <summary>The seed workload: word count and the most frequent words, stop words removed.</summary>
public static class TextAnalyzer
{
    public const int TopWordCount = 5;

    // Longer runs of letters grow into an array.
    private const int StackWordLength = 64;

    /// <summary>Lowercased runs of letters (any script); everything else separates words.</summary>
    public static IEnumerable<string> Words(string text)
    {
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var isLetter = i < text.Length && char.IsLetter(text[i]);
            if (isLetter && start < 0)
            {
                start = i;
            }
            else if (!isLetter && start >= 0)
            {
                yield return text[start..i].ToLowerInvariant();
                start = -1;
            }
        }
    }

    public static IEnumerable<string> ContentWords(string text) =>
        Words(text).Where(word => !StopWords.IsEnglish(word));

    /// <summary>Same words as <see cref="ContentWords"/>, counted on spans: it runs once per embedding request, so it
    /// allocates only the distinct words.</summary>
    public static TextAnalysis Analyze(string text)
    {
        // Sized for the usual count of distinct words, so that it rarely grows.
        var counts = new Dictionary<string, int>(Math.Min(text.Length / 8, 1024), StringComparer.Ordinal);
        var countsBySpan = counts.GetAlternateLookup<ReadOnlySpan<char>>();
        Span<char> stackWord = stackalloc char[StackWordLength];
        var word = stackWord;
        var length = 0;
        var total = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            var c = i < text.Length ? text[i] : ' ';
            // ASCII first: most text is, and char.IsLetter/ToLowerInvariant cost more per character.
            var isLetter = char.IsAscii(c) ? char.IsAsciiLetter(c) : char.IsLetter(c);
            if (isLetter)
            {
                if (length == word.Length)
                {
                    var longer = new char[word.Length * 2];
                    word.CopyTo(longer);
                    word = longer;
                }

                word[length++] = char.IsAscii(c) ? (char)(c | 0x20) : char.ToLowerInvariant(c);
            }
            else if (length > 0)
            {
                var key = word[..length];
                if (!StopWords.IsEnglish(key))
                {
                    CollectionsMarshal.GetValueRefOrAddDefault(countsBySpan, key, out _)++;
                    total++;
                }

                length = 0;
            }
        }

        return new TextAnalysis(total, Top(counts));
    }

    /// <summary>The most frequent words, ties broken alphabetically.</summary>
    private static WordCount[] Top(Dictionary<string, int> counts)
    {
        var top = new List<KeyValuePair<string, int>>(TopWordCount + 1);
        foreach (var pair in counts)
        {
            var position = top.Count;
            while (position > 0 && Ranks(pair, top[position - 1]))
            {
                position--;
            }

            if (position < TopWordCount)
            {
                top.Insert(position, pair);
                if (top.Count > TopWordCount)
                {
                    top.RemoveAt(TopWordCount);
                }
            }
        }

        return top.ConvertAll(pair => new WordCount(pair.Key, pair.Value)).ToArray();
    }

    private static bool Ranks(KeyValuePair<string, int> a, KeyValuePair<string, int> b) =>
        a.Value > b.Value || (a.Value == b.Value && string.CompareOrdinal(a.Key, b.Key) < 0);
}
