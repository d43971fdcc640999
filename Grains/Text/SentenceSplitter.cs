using System.Collections.Frozen;
using System.Globalization;

namespace OrleansNlp.Text;

/// <summary>
/// Splits text into sentences by a fixed rule set (docs/pipeline.md, "Sentences"), in this order:
/// <list type="number">
/// <item>A blank line ends a sentence.</item>
/// <item>A run of terminators that are never used inside a sentence (CJK 。！？｡, Arabic ؟ ۔, Devanagari । ॥, Ethiopic
/// ። ፧, Myanmar ။, Armenian ։) ends one, with the closing quotes and brackets after it, space or no space.</item>
/// <item>A run of . ! ? … ‼ ⁇ ⁈ ⁉ with its closing quotes and brackets ends one only when white space or the end of the
/// text follows (so 3.14, $2.5, example.com and the inner dots of U.S. never do), and the next word does not start
/// with a lower-case letter ("e.g. the", "“Stop!” she said", "Wait... what").</item>
/// <item>A single "." does not end one after a known abbreviation (Dr., Mr., vs., approx., Jan., …), a dotted
/// abbreviation (U.S., e.g., Ph.D., a.m.), a single letter (an initial, J. R. R. Tolkien), a number prefix before a
/// digit (No. 5, Fig. 3), or a list number that starts the sentence (1. Apples).</item>
/// </list>
/// When a rule is unsure it keeps text together: two sentences read as one are still readable, a cut one is not.
/// </summary>
public static class SentenceSplitter
{
    /// <summary>Abbreviations that stand before a name or a term, so a sentence does not end at their period.</summary>
    private static readonly FrozenSet<string> Abbreviations = FrozenSet.Create(StringComparer.OrdinalIgnoreCase,
        "mr", "mrs", "ms", "mx", "dr", "prof", "rev", "hon", "st", "mt", "ft", "gen", "col", "lt", "sgt", "capt",
        "cmdr", "adm", "gov", "sen", "rep", "pres", "supt", "messrs", "mme", "mlle", "vs", "cf", "viz", "approx", "ca",
        "al", "esp", "incl", "dept", "univ", "assn", "ave", "blvd", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
        "sep", "sept", "oct", "nov", "dec");

    /// <summary>Abbreviations that stand before a number: "No. 5" goes on, "The answer was no. Then" ends.</summary>
    private static readonly FrozenSet<string> NumberPrefixes = FrozenSet.Create(StringComparer.OrdinalIgnoreCase,
        "no", "nos", "nr", "fig", "figs", "vol", "vols", "pp", "ch", "chap", "sec", "art", "eq", "ref", "tab", "op");

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> AbbreviationLookup =
        Abbreviations.GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> NumberPrefixLookup =
        NumberPrefixes.GetAlternateLookup<ReadOnlySpan<char>>();

    private const int MaxOpeners = 4;

    public static IReadOnlyList<string> Split(string text)
    {
        var sentences = new List<string>();
        var start = 0;
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '\n' && ParagraphBreak(text, i) is { } next)
            {
                Add(sentences, text, start, i);
                start = i = next;
                continue;
            }

            if (!IsTerminator(text[i]))
            {
                i++;
                continue;
            }

            var end = i;
            var firm = false;
            while (end < text.Length && IsTerminator(text[end]))
            {
                firm |= IsFirmTerminator(text[end]);
                end++;
            }

            var singlePeriod = end - i == 1 && text[i] == '.';
            while (end < text.Length && IsCloser(text[end]))
            {
                end++;
            }

            if (firm || EndsSentence(text, start, i, singlePeriod, end))
            {
                Add(sentences, text, start, end);
                start = end;
            }

            i = end;
        }

        Add(sentences, text, start, text.Length);
        return sentences;
    }

    /// <summary>Joins sentences with a space, except after a terminator that takes none (CJK 。！？).</summary>
    public static string Join(IEnumerable<string> sentences)
    {
        var joined = new System.Text.StringBuilder();
        foreach (var sentence in sentences)
        {
            if (joined.Length > 0 && !EndsWithoutSpace(joined))
            {
                joined.Append(' ');
            }

            joined.Append(sentence);
        }

        return joined.ToString();
    }

    /// <summary>Terminators that never occur inside a sentence.</summary>
    private static bool IsFirmTerminator(char c) => c is '。' or '｡' or '！' or '？' or '؟' or '۔' or '।' or '॥' or '።' or '፧' or '။' or '։';

    private static bool IsTerminator(char c) => c is '.' or '!' or '?' or '…' or '‼' or '⁇' or '⁈' or '⁉' || IsFirmTerminator(c);

    private static bool IsCloser(char c) => c is '"' or '\'' or '＂' or '＇' || char.GetUnicodeCategory(c) is
        UnicodeCategory.ClosePunctuation or UnicodeCategory.FinalQuotePunctuation;

    /// <summary>Where the next paragraph starts when the line break at <paramref name="i"/> begins a blank line.</summary>
    private static int? ParagraphBreak(string text, int i)
    {
        var blank = false;
        var next = i + 1;
        while (next < text.Length && char.IsWhiteSpace(text[next]))
        {
            blank |= text[next] == '\n';
            next++;
        }

        return blank ? next : null;
    }

    private static bool EndsSentence(string text, int start, int terminator, bool singlePeriod, int end)
    {
        if (end == text.Length)
        {
            return true;
        }

        if (!char.IsWhiteSpace(text[end]))
        {
            return false;
        }

        var next = end;
        while (next < text.Length && char.IsWhiteSpace(text[next]))
        {
            next++;
        }

        // Opening quotes and brackets before the next word; bounded, so that a long run of punctuation costs linear time.
        for (var openers = 0; openers < MaxOpeners && next < text.Length && char.IsPunctuation(text[next]); openers++)
        {
            next++;
        }

        if (next == text.Length)
        {
            return true;
        }

        if (char.IsLower(text[next]))
        {
            return false;
        }

        return !singlePeriod || !KeepsPeriod(text, start, terminator, char.IsDigit(text[next]));
    }

    /// <summary>Whether the word before a single period makes it part of the sentence.</summary>
    private static bool KeepsPeriod(string text, int start, int terminator, bool digitFollows)
    {
        var from = terminator;
        while (from > start && !char.IsWhiteSpace(text[from - 1]))
        {
            from--;
        }

        var word = text.AsSpan(from, terminator - from);
        if (IsNumber(word) && text.AsSpan(start, from - start).IsWhiteSpace())
        {
            return true;
        }

        // Opening quotes or brackets in front of the word are not part of it.
        while (word.Length > 0 && char.IsPunctuation(word[0]))
        {
            word = word[1..];
        }

        if (word.Length == 0)
        {
            return false;
        }

        return word.Length == 1 && char.IsLetter(word[0])
            || IsDottedAbbreviation(word)
            || AbbreviationLookup.Contains(word)
            || digitFollows && NumberPrefixLookup.Contains(word);
    }

    /// <summary>U.S, e.g, Ph.D, a.m (the last period is the one being judged): letters in groups of one or two
    /// between periods.</summary>
    private static bool IsDottedAbbreviation(ReadOnlySpan<char> word)
    {
        var groups = 0;
        foreach (var range in word.Split('.'))
        {
            var group = word[range];
            if (group.Length is 0 or > 2 || !IsLetters(group))
            {
                return false;
            }

            groups++;
        }

        return groups >= 2;
    }

    private static bool IsLetters(ReadOnlySpan<char> span)
    {
        foreach (var c in span)
        {
            if (!char.IsLetter(c))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsNumber(ReadOnlySpan<char> span) => span.Length > 0 && !span.ContainsAnyExceptInRange('0', '9');

    private static bool EndsWithoutSpace(System.Text.StringBuilder joined)
    {
        var last = joined.Length - 1;
        while (last > 0 && IsCloser(joined[last]))
        {
            last--;
        }

        return joined[last] is '。' or '｡' or '！' or '？';
    }

    private static void Add(List<string> sentences, string text, int start, int end)
    {
        var sentence = text.AsSpan(start, end - start).Trim();
        if (sentence.Length > 0)
        {
            sentences.Add(sentence.ToString());
        }
    }
}
