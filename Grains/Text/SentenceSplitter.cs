using System.Text.RegularExpressions;

namespace OrleansNlp.Text;

/// <summary>Splits text into sentences at ., ! or ? followed by whitespace, and at blank lines.</summary>
public static partial class SentenceSplitter
{
    [GeneratedRegex(@"(?<=[.!?])\s+|\n\s*\n")]
    private static partial Regex Boundary();

    public static IReadOnlyList<string> Split(string text) =>
        Boundary().Split(text)
            .Select(sentence => sentence.Trim())
            .Where(sentence => sentence.Length > 0)
            .ToArray();
}
