using System.Globalization;

namespace OrleansNlp.Text;

/// <summary>Tokens of the scripts that are written without spaces between words (Chinese, Japanese, Thai) or whose
/// space-separated words carry particles and endings (Korean). Without a dictionary, overlapping character bigrams
/// stand in for words, as Lucene's CJKAnalyzer does: most Chinese words are two characters long, so a repeated word
/// becomes a repeated bigram while the bigrams that straddle two words are scattered.
/// <list type="bullet">
/// <item>Han and Thai runs: overlapping bigrams (Thai ones of characters with their combining vowel and tone marks);
/// a run of one character is one token.</item>
/// <item>Hangul runs (Korean words, which are written between spaces): the first two syllables, unless the whole
/// word is a stop word. Korean appends particles and endings to the stem (서울은, 서울에는, 서울을 → 서울); all bigrams
/// would rank endings such as 니다 first.</item>
/// <item>Katakana runs: one token each (loanwords and names: "コンピューター").</item>
/// <item>Hiragana runs: no token. In Japanese they are mostly particles, verb endings and auxiliaries, the role stop
/// words play elsewhere; the words themselves are mostly written in kanji or katakana.</item>
/// </list>
/// The script is read from the characters, not from the detected language, so a text cuts the same way whether or
/// not its language was recognised. Characters outside the Basic Multilingual Plane (rare CJK extensions) are not
/// recognised and separate words.</summary>
public static class ScriptRuns
{
    public static RunScript Of(char c) => c switch
    {
        >= '\u3040' and <= '\u309F' => RunScript.Hiragana,
        '\u30FB' => RunScript.None, // katakana middle dot: punctuation
        >= '\u30A0' and <= '\u30FF' or >= '\u31F0' and <= '\u31FF' or >= '\uFF66' and <= '\uFF9F' => RunScript.Katakana,
        >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF' or >= '\uF900' and <= '\uFAFF' or '\u3005' or '\u3007' => RunScript.Han,
        >= '\uAC00' and <= '\uD7A3' => RunScript.Hangul,
        // Thai letters, vowels and marks; not the baht sign, digits or punctuation.
        >= '\u0E01' and <= '\u0E3A' or >= '\u0E40' and <= '\u0E4E' => RunScript.Thai,
        _ => RunScript.None,
    };

    /// <summary>The index just past the run of <paramref name="script"/> that starts at <paramref name="start"/>.</summary>
    public static int RunEnd(string text, int start, RunScript script)
    {
        var end = start + 1;
        while (end < text.Length && Of(text[end]) == script)
        {
            end++;
        }

        return end;
    }

    /// <summary>Passes the tokens of one run of <paramref name="script"/> to <paramref name="sink"/>.</summary>
    public static void Tokenize(ReadOnlySpan<char> run, RunScript script, StopWordList? stopWords, ITokenSink sink)
    {
        switch (script)
        {
            case RunScript.Han:
                CharacterBigrams(run, sink);
                break;
            case RunScript.Hangul:
                if (stopWords is null || !stopWords.Contains(run))
                {
                    sink.Add(run.Length <= 2 ? run : run[..2]);
                }

                break;
            case RunScript.Thai:
                ClusterBigrams(run, sink);
                break;
            case RunScript.Katakana:
                sink.Add(run);
                break;
            case RunScript.Hiragana:
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(script), script, "Not a script that ScriptRuns cuts.");
        }
    }

    private static void CharacterBigrams(ReadOnlySpan<char> run, ITokenSink sink)
    {
        if (run.Length == 1)
        {
            sink.Add(run);
            return;
        }

        for (var i = 0; i + 1 < run.Length; i++)
        {
            sink.Add(run.Slice(i, 2));
        }
    }

    // A cluster is a base character and the combining marks after it (Thai vowels above and below, tone marks).
    private static void ClusterBigrams(ReadOnlySpan<char> run, ITokenSink sink)
    {
        int previous = -1, current = -1, clusters = 0;
        for (var i = 0; i < run.Length; i++)
        {
            if (i > 0 && IsCombining(run[i]))
            {
                continue;
            }

            if (clusters >= 2)
            {
                sink.Add(run[previous..i]);
            }

            previous = current;
            current = i;
            clusters++;
        }

        sink.Add(clusters == 1 ? run : run[previous..]);
    }

    private static bool IsCombining(char c) => CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;
}
