using System.Collections.Frozen;
using System.Text.Json;

namespace OrleansNlp.Text;

/// <summary>Stop words by language. English is the NLTK list, built in; the other languages come from the
/// stopwords-iso lists shipped in <c>models/stopwords-iso</c> (see its PROVENANCE.md), loaded once on first use, each
/// joined with the English list: English function words turn up in texts of every language (quotes, names, code)
/// and are almost never content words elsewhere, and a short English text that the detector mistakes for another
/// language then keeps its English top words. A null or unknown language, or one without a list, gets English.</summary>
public static class StopWords
{
    public const string English = "en";

    /// <summary>The shipped lists, relative to the application directory.</summary>
    public static readonly string DataPath = Path.Combine("models", "stopwords-iso", "stopwords-iso.json");

    private static readonly string[] EnglishWords =
    [
        "i", "me", "my", "myself", "we", "our", "ours", "ourselves", "you", "your", "yours", "yourself",
        "yourselves", "he", "him", "his", "himself", "she", "her", "hers", "herself", "it", "its", "itself",
        "they", "them", "their", "theirs", "themselves", "what", "which", "who", "whom", "this", "that",
        "these", "those", "am", "is", "are", "was", "were", "be", "been", "being", "have", "has", "had",
        "having", "do", "does", "did", "doing", "a", "an", "the", "and", "but", "if", "or", "because", "as",
        "until", "while", "of", "at", "by", "for", "with", "about", "against", "between", "into", "through",
        "during", "before", "after", "above", "below", "to", "from", "up", "down", "in", "out", "on", "off",
        "over", "under", "again", "further", "then", "once", "here", "there", "when", "where", "why", "how",
        "all", "any", "both", "each", "few", "more", "most", "other", "some", "such", "no", "nor", "not",
        "only", "own", "same", "so", "than", "too", "very", "s", "t", "can", "will", "just", "don", "should",
        "now", "d", "ll", "m", "o", "re", "ve", "y", "ain", "aren", "couldn", "didn", "doesn", "hadn",
        "hasn", "haven", "isn", "ma", "mightn", "mustn", "needn", "shan", "shouldn", "wasn", "weren", "won",
        "wouldn",
    ];

    private static readonly StopWordList EnglishList = new(English, EnglishWords);

    private static readonly Lazy<FrozenDictionary<string, StopWordList>> Lists = new(Load);

    /// <summary>The codes that have a list of their own, English included.</summary>
    public static IReadOnlyCollection<string> Languages => Lists.Value.Keys;

    public static bool IsEnglish(ReadOnlySpan<char> lowercasedWord) => EnglishList.Contains(lowercasedWord);

    public static bool IsStopWord(string? language, ReadOnlySpan<char> lowercasedWord) => For(language).Contains(lowercasedWord);

    /// <summary>The list for an ISO 639-1 code (any case); English when the code is null or has no list.</summary>
    public static StopWordList For(string? language)
    {
        if (language is null || language.Equals(English, StringComparison.OrdinalIgnoreCase))
        {
            return EnglishList;
        }

        return Lists.Value.GetValueOrDefault(Normalize(language)) ?? EnglishList;
    }

    /// <summary>Reads the shipped lists now rather than on the first non-English text (a missing file then fails the
    /// silo's start-up).</summary>
    public static void EnsureLoaded() => _ = Lists.Value;

    // Lingua tells Norwegian Bokmål and Nynorsk apart; stopwords-iso has one Norwegian list.
    private static string Normalize(string language) => language.ToLowerInvariant() switch
    {
        "nb" or "nn" => "no",
        var code => code,
    };

    private static FrozenDictionary<string, StopWordList> Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, DataPath);
        using var stream = File.OpenRead(path);
        var lists = JsonSerializer.Deserialize<Dictionary<string, string[]>>(stream)
            ?? throw new InvalidDataException($"{path} holds no stop word lists.");
        var byLanguage = lists.ToDictionary(
            pair => pair.Key,
            pair => new StopWordList(pair.Key, pair.Value.Select(word => word.ToLowerInvariant()).Concat(EnglishWords)),
            StringComparer.Ordinal);
        byLanguage[English] = EnglishList;
        return byLanguage.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
