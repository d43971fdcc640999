namespace OrleansNlp.Text;

/// <summary>Scripts whose words <see cref="TextAnalyzer"/> does not find between spaces; see <see cref="ScriptRuns"/>.</summary>
public enum RunScript
{
    /// <summary>Everything else: words are runs of letters.</summary>
    None,
    Han,
    Hiragana,
    Katakana,
    Hangul,
    Thai,
}
