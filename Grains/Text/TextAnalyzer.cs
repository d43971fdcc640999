using System.Globalization;
using System.Runtime.InteropServices;
using OrleansNlp.Models;

namespace OrleansNlp.Text;

/// <summary>The seed workload: word count and the most frequent words, stop words of the text's language removed.
/// Words are lowercased runs of letters (with their combining marks); Chinese, Japanese, Korean and Thai are cut as
/// <see cref="ScriptRuns"/> describes.</summary>
public static class TextAnalyzer
{
    public const int TopWordCount = 5;

    // Longer runs of letters grow into an array.
    private const int StackWordLength = 64;

    /// <summary>Every token of the text, stop words included (a plain reference implementation of the cutting).</summary>
    public static IEnumerable<string> Words(string text) => Tokens(text, stopWords: null);

    /// <summary>The tokens <see cref="Analyze(string, string?)"/> counts, in text order.</summary>
    public static IEnumerable<string> ContentWords(string text, string? languageCode = null) => Tokens(text, StopWords.For(languageCode));

    /// <summary>Word statistics with the English stop words.</summary>
    public static TextAnalysis Analyze(string text) => Analyze(text, languageCode: null);

    /// <summary>Same words as <see cref="ContentWords"/>, counted on spans: it runs once per job, so it allocates only
    /// the distinct words. <paramref name="languageCode"/> (ISO 639-1) chooses the stop words; null or a language
    /// without a list means English.</summary>
    public static TextAnalysis Analyze(string text, string? languageCode)
    {
        var counter = new WordCounter(text.Length, StopWords.For(languageCode));
        Span<char> stackWord = stackalloc char[StackWordLength];
        var word = stackWord;
        var length = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            var c = i < text.Length ? text[i] : ' ';
            // ASCII first: most text is, and the Unicode lookups cost more per character.
            if (char.IsAscii(c))
            {
                if (char.IsAsciiLetter(c))
                {
                    Append(ref word, ref length, (char)(c | 0x20));
                    continue;
                }
            }
            else if (ScriptRuns.Of(c) is var script and not RunScript.None)
            {
                Flush(counter, word, ref length);
                var end = ScriptRuns.RunEnd(text, i, script);
                ScriptRuns.Tokenize(text.AsSpan(i, end - i), script, counter.StopWords, counter);
                i = end - 1;
                continue;
            }
            else if (char.IsLetter(c) || (length > 0 && IsCombiningMark(c)))
            {
                Append(ref word, ref length, char.ToLowerInvariant(c));
                continue;
            }

            Flush(counter, word, ref length);
        }

        return new TextAnalysis(counter.Total, Top(counter.Counts));
    }

    private static void Append(ref Span<char> word, ref int length, char c)
    {
        if (length == word.Length)
        {
            var longer = new char[word.Length * 2];
            word.CopyTo(longer);
            word = longer;
        }

        word[length++] = c;
    }

    private static void Flush(WordCounter counter, Span<char> word, ref int length)
    {
        if (length > 0)
        {
            counter.Add(word[..length]);
            length = 0;
        }
    }

    private static bool IsCombiningMark(char c) =>
        CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark;

    private static IEnumerable<string> Tokens(string text, StopWordList? stopWords)
    {
        var i = 0;
        while (i < text.Length)
        {
            var script = ScriptRuns.Of(text[i]);
            if (script != RunScript.None)
            {
                var end = ScriptRuns.RunEnd(text, i, script);
                var tokens = new TokenList();
                ScriptRuns.Tokenize(text.AsSpan(i, end - i), script, stopWords, tokens);
                foreach (var token in tokens.Where(token => stopWords is null || !stopWords.Contains(token)))
                {
                    yield return token;
                }

                i = end;
            }
            else if (char.IsLetter(text[i]))
            {
                var start = i++;
                while (i < text.Length && ScriptRuns.Of(text[i]) == RunScript.None && (char.IsLetter(text[i]) || IsCombiningMark(text[i])))
                {
                    i++;
                }

                var word = text[start..i].ToLowerInvariant();
                if (stopWords is null || !stopWords.Contains(word))
                {
                    yield return word;
                }
            }
            else
            {
                i++;
            }
        }
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

    /// <summary>Counts the words that are not stop words, keyed by span so that a repeated word allocates nothing.</summary>
    private sealed class WordCounter : ITokenSink
    {
        private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _bySpan;

        public WordCounter(int textLength, StopWordList stopWords)
        {
            StopWords = stopWords;
            // Sized for the usual count of distinct words, so that it rarely grows.
            Counts = new Dictionary<string, int>(Math.Min(textLength / 8, 1024), StringComparer.Ordinal);
            _bySpan = Counts.GetAlternateLookup<ReadOnlySpan<char>>();
        }

        public StopWordList StopWords { get; }

        public Dictionary<string, int> Counts { get; }

        public int Total { get; private set; }

        public void Add(ReadOnlySpan<char> token)
        {
            if (!StopWords.Contains(token))
            {
                CollectionsMarshal.GetValueRefOrAddDefault(_bySpan, token, out _)++;
                Total++;
            }
        }
    }

    private sealed class TokenList : List<string>, ITokenSink
    {
        public void Add(ReadOnlySpan<char> token) => base.Add(token.ToString());
    }
}
