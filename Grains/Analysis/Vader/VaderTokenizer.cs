namespace OrleansNlp.Analysis.Vader;

/// <summary>VADER's tokens: the text split on whitespace, each token stripped of leading and trailing ASCII
/// punctuation unless that leaves two characters or fewer (then it was likely an emoticon such as ":)" and is kept
/// whole). Contractions ("isn't") keep their apostrophes.</summary>
internal static class VaderTokenizer
{
    public static List<string> Split(string text)
    {
        var tokens = new List<string>(text.Length / 5 + 1);
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var isSpace = i == text.Length || char.IsWhiteSpace(text[i]);
            if (!isSpace && start < 0)
            {
                start = i;
            }
            else if (isSpace && start >= 0)
            {
                tokens.Add(Strip(text, start, i));
                start = -1;
            }
        }

        return tokens;
    }

    private static string Strip(string text, int start, int end)
    {
        var first = start;
        var last = end;
        while (first < last && IsAsciiPunctuation(text[first]))
        {
            first++;
        }

        while (last > first && IsAsciiPunctuation(text[last - 1]))
        {
            last--;
        }

        var keepWhole = (first > start || last < end) && CodePoints(text.AsSpan(first, last - first)) <= 2;
        return keepWhole ? text[start..end] : text[first..last];
    }

    /// <summary>Python's string.punctuation: every printable ASCII character that is not a letter or digit.</summary>
    private static bool IsAsciiPunctuation(char c) => c is >= '!' and <= '~' && !char.IsAsciiLetterOrDigit(c);

    // The reference counts characters as Python does, in code points: an emoji is one, not two UTF-16 units.
    private static int CodePoints(ReadOnlySpan<char> span)
    {
        var count = 0;
        foreach (var c in span)
        {
            if (!char.IsLowSurrogate(c))
            {
                count++;
            }
        }

        return count;
    }
}
