namespace OrleansNlp.Text;

/// <summary>The stop words of one language, matched against lowercased words. A HashSet: its span lookup is faster than
/// FrozenSet's, and <see cref="TextAnalyzer"/> looks up every word of every text.</summary>
public sealed class StopWordList
{
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _bySpan;

    public StopWordList(string language, IEnumerable<string> lowercasedWords)
    {
        Language = language;
        var words = new HashSet<string>(lowercasedWords, StringComparer.Ordinal);
        Count = words.Count;
        _bySpan = words.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The ISO 639-1 code whose list this is ("en" for the English one).</summary>
    public string Language { get; }

    public int Count { get; }

    public bool Contains(ReadOnlySpan<char> lowercasedWord) => _bySpan.Contains(lowercasedWord);
}
