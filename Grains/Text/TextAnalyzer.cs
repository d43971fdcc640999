using OrleansNlp.Models;

namespace OrleansNlp.Text;

/// <summary>The seed workload: word count and the most frequent words, stop words removed.</summary>
public static class TextAnalyzer
{
    public const int TopWordCount = 5;

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
        Words(text).Where(word => !StopWords.English.Contains(word));

    public static TextAnalysis Analyze(string text)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var total = 0;
        foreach (var word in ContentWords(text))
        {
            counts[word] = counts.GetValueOrDefault(word) + 1;
            total++;
        }

        var top = counts
            .OrderByDescending(pair => pair.Value)
            .ThenBy(pair => pair.Key, StringComparer.Ordinal)
            .Take(TopWordCount)
            .Select(pair => new WordCount(pair.Key, pair.Value))
            .ToArray();
        return new TextAnalysis(total, top);
    }
}
