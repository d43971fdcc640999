using OrleansNlp.Models;
using OrleansNlp.Text;
using static OrleansNlp.Analysis.Vader.VaderWords;

namespace OrleansNlp.Analysis.Vader;

/// <summary>
/// VADER (Valence Aware Dictionary and sEntiment Reasoner; Hutto and Gilbert, ICWSM 2014): English sentiment from a
/// lexicon of rated words and five rules — punctuation emphasis, ALL CAPS emphasis, degree modifiers, the contrastive
/// "but" and negation (three words back, plus "never so", "without doubt", "least" and a few idioms). Scores match
/// the reference implementation (vaderSentiment 3.3) except where noted in docs/pipeline.md. One instance per process:
/// the lexicon is read on first use, once, and the instance is then safe to share between threads.
/// </summary>
public sealed class VaderAnalyzer
{
    /// <summary>The method name a <see cref="TextSentiment"/> from this analyzer carries.</summary>
    public const string MethodName = "vader";

    private readonly Lazy<VaderLexicon> _lexicon;

    public VaderAnalyzer()
        : this(VaderLexicon.DefaultPath)
    {
    }

    public VaderAnalyzer(string lexiconPath) =>
        _lexicon = new Lazy<VaderLexicon>(() => VaderLexicon.Load(lexiconPath), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The lexicon, read now if it has not been yet: call it at start-up to take the read off the first
    /// job.</summary>
    public VaderLexicon Lexicon => _lexicon.Value;

    /// <summary>A job's sentiment: score = <see cref="MeanSentenceCompound"/>, label by VADER's ±0.05 thresholds.</summary>
    public TextSentiment Sentiment(string text)
    {
        var score = MeanSentenceCompound(text);
        return new TextSentiment(TextSentiment.LabelOf(score), score, MethodName);
    }

    /// <summary>Each sentence's compound score, averaged (4 decimals), as the VADER authors score longer texts. Scored
    /// whole, a long text's sum saturates the compound near ±1 and its first "but" reweights every sentence; for one
    /// sentence both ways agree.</summary>
    public double MeanSentenceCompound(string text)
    {
        var sentences = SentenceSplitter.Split(text);
        if (sentences.Count == 0)
        {
            return 0;
        }

        var sum = 0.0;
        foreach (var sentence in sentences)
        {
            sum += PolarityScores(sentence).Compound;
        }

        return VaderScore.RoundHalfEven(sum / sentences.Count, 1e4);
    }

    /// <summary>The negative, neutral and positive proportions and the compound score of a text (all zero when it has
    /// no token).</summary>
    public SentimentScores PolarityScores(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = Words(text);
        if (words.Length == 0)
        {
            return SentimentScores.None;
        }

        var capsDiffer = CapsDiffer(words);
        var sentiments = new double[words.Length];
        for (var i = 0; i < words.Length; i++)
        {
            // Modifiers carry no valence of their own: they act on the word they precede.
            var isModifier = Boosters.ContainsKey(words[i].Lower) ||
                             (words[i].Lower == "kind" && i + 1 < words.Length && words[i + 1].Lower == "of");
            sentiments[i] = isModifier ? 0 : Valence(words, i, capsDiffer);
        }

        ApplyBut(words, sentiments);
        return VaderScore.Of(sentiments, text);
    }

    private Word[] Words(string text)
    {
        var lexicon = _lexicon.Value;
        var tokens = VaderTokenizer.Split(text);
        var words = new Word[tokens.Count];
        for (var i = 0; i < words.Length; i++)
        {
            var lower = tokens[i].ToLowerInvariant();
            var inLexicon = lexicon.TryGetValence(lower, out var valence);
            words[i] = new Word(lower, IsUpper(tokens[i]), inLexicon, valence);
        }

        return words;
    }

    /// <summary>True when some but not all words are in ALL CAPS: only then does capitalisation mark emphasis.</summary>
    private static bool CapsDiffer(Word[] words)
    {
        var upper = words.Count(word => word.IsUpper);
        return upper > 0 && upper < words.Length;
    }

    private static double Valence(Word[] words, int i, bool capsDiffer)
    {
        var word = words[i];
        if (!word.InLexicon)
        {
            return 0;
        }

        var valence = word.Valence;
        // "no" before a lexicon word negates it rather than counting as a negative word itself.
        if (word.Lower == "no" && i + 1 < words.Length && words[i + 1].InLexicon)
        {
            valence = 0;
        }

        if ((i > 0 && words[i - 1].Lower == "no") ||
            (i > 1 && words[i - 2].Lower == "no") ||
            (i > 2 && words[i - 3].Lower == "no" && words[i - 1].Lower is "or" or "nor"))
        {
            valence = word.Valence * NegationScalar;
        }

        if (word.IsUpper && capsDiffer)
        {
            valence += valence > 0 ? CapsIncrement : -CapsIncrement;
        }

        for (var distance = 1; distance <= 3; distance++)
        {
            // The three words before, skipping lexicon words; a modifier further away counts less.
            if (i < distance || words[i - distance].InLexicon)
            {
                continue;
            }

            var scalar = BoosterScalar(words[i - distance], valence, capsDiffer);
            valence += distance switch { 2 => scalar * 0.95, 3 => scalar * 0.9, _ => scalar };
            valence = Negate(words, i, distance, valence);
            if (distance == 3)
            {
                valence = Idioms(words, i, valence);
            }
        }

        return Least(words, i, valence);
    }

    /// <summary>A booster's or dampener's push away from or towards zero, larger when it alone is in ALL CAPS.</summary>
    private static double BoosterScalar(Word modifier, double valence, bool capsDiffer)
    {
        if (!Boosters.TryGetValue(modifier.Lower, out var scalar))
        {
            return 0;
        }

        if (valence < 0)
        {
            scalar = -scalar;
        }

        if (modifier.IsUpper && capsDiffer)
        {
            scalar += valence > 0 ? CapsIncrement : -CapsIncrement;
        }

        return scalar;
    }

    private static double Negate(Word[] words, int i, int distance, double valence)
    {
        var before = words[i - distance].Lower;
        switch (distance)
        {
            case 1:
                return IsNegation(before) ? valence * NegationScalar : valence;
            case 2:
                if (before == "never" && words[i - 1].Lower is "so" or "this")
                {
                    return valence * 1.25;
                }

                if (before == "without" && words[i - 1].Lower == "doubt")
                {
                    return valence;
                }

                return IsNegation(before) ? valence * NegationScalar : valence;
            default:
                // As the reference groups it: "so"/"this" right before the word also counts, without "never".
                if ((before == "never" && words[i - 2].Lower is "so" or "this") || words[i - 1].Lower is "so" or "this")
                {
                    return valence * 1.25;
                }

                if (before == "without" && (words[i - 2].Lower == "doubt" || words[i - 1].Lower == "doubt"))
                {
                    return valence;
                }

                return IsNegation(before) ? valence * NegationScalar : valence;
        }
    }

    /// <summary>Special phrases around the word replace its valence; a two-word dampener before it ("kind of")
    /// lowers it.</summary>
    private static double Idioms(Word[] words, int i, double valence)
    {
        string W(int index) => words[index].Lower;

        string[] before =
        [
            $"{W(i - 1)} {W(i)}",
            $"{W(i - 2)} {W(i - 1)} {W(i)}",
            $"{W(i - 2)} {W(i - 1)}",
            $"{W(i - 3)} {W(i - 2)} {W(i - 1)}",
            $"{W(i - 3)} {W(i - 2)}",
        ];
        foreach (var phrase in before)
        {
            if (SpecialCases.TryGetValue(phrase, out var idiom))
            {
                valence = idiom;
                break;
            }
        }

        if (i + 1 < words.Length && SpecialCases.TryGetValue($"{W(i)} {W(i + 1)}", out var next))
        {
            valence = next;
        }

        if (i + 2 < words.Length && SpecialCases.TryGetValue($"{W(i)} {W(i + 1)} {W(i + 2)}", out var nextTwo))
        {
            valence = nextTwo;
        }

        foreach (var phrase in (ReadOnlySpan<string>)[before[3], before[4], before[2]])
        {
            if (Boosters.TryGetValue(phrase, out var scalar))
            {
                valence += scalar;
            }
        }

        return valence;
    }

    /// <summary>"least good" negates, "at least good" and "very least good" do not.</summary>
    private static double Least(Word[] words, int i, double valence)
    {
        if (i < 1 || words[i - 1].Lower != "least" || words[i - 1].InLexicon)
        {
            return valence;
        }

        return i > 1 && words[i - 2].Lower is "at" or "very" ? valence : valence * NegationScalar;
    }

    /// <summary>After the first "but" sentiment counts 1.5 times, before it half.</summary>
    private static void ApplyBut(Word[] words, double[] sentiments)
    {
        var but = Array.FindIndex(words, word => word.Lower == "but");
        if (but < 0)
        {
            return;
        }

        for (var i = 0; i < sentiments.Length; i++)
        {
            if (i < but)
            {
                sentiments[i] *= 0.5;
            }
            else if (i > but)
            {
                sentiments[i] *= 1.5;
            }
        }
    }

    /// <summary>Python's str.isupper(): at least one cased character and none lowercase ("I", "SUX", ":D").</summary>
    private static bool IsUpper(string token)
    {
        var hasUpper = false;
        foreach (var c in token)
        {
            if (char.IsLower(c) || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.TitlecaseLetter)
            {
                return false;
            }

            hasUpper |= char.IsUpper(c);
        }

        return hasUpper;
    }

    private readonly record struct Word(string Lower, bool IsUpper, bool InLexicon, double Valence);
}
