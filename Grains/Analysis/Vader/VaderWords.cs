using System.Collections.Frozen;

namespace OrleansNlp.Analysis.Vader;

/// <summary>The word lists and constants of VADER's rules (Hutto and Gilbert 2014; values as in the reference
/// implementation, vaderSentiment 3.3).</summary>
internal static class VaderWords
{
    /// <summary>Mean rating increase a booster adds (a dampener subtracts).</summary>
    public const double BoosterIncrement = 0.293;

    /// <summary>Mean rating increase for a sentiment word in ALL CAPS while other words are not.</summary>
    public const double CapsIncrement = 0.733;

    /// <summary>A negated word keeps 74 % of its valence, with the opposite sign.</summary>
    public const double NegationScalar = -0.74;

    /// <summary>Rating increase per exclamation mark, counted up to 4.</summary>
    public const double ExclamationIncrement = 0.292;

    /// <summary>Rating increase per question mark when there are 2 or 3; 4 or more add <see cref="QuestionCap"/>.</summary>
    public const double QuestionIncrement = 0.18;

    public const double QuestionCap = 0.96;

    /// <summary>α of compound = x / √(x² + α): roughly the largest sum expected.</summary>
    public const double NormalisationAlpha = 15;

    public static readonly FrozenSet<string> Negations = FrozenSet.ToFrozenSet(
    [
        "aint", "arent", "cannot", "cant", "couldnt", "darent", "didnt", "doesnt",
        "ain't", "aren't", "can't", "couldn't", "daren't", "didn't", "doesn't",
        "dont", "hadnt", "hasnt", "havent", "isnt", "mightnt", "mustnt", "neither",
        "don't", "hadn't", "hasn't", "haven't", "isn't", "mightn't", "mustn't",
        "neednt", "needn't", "never", "none", "nope", "nor", "not", "nothing", "nowhere",
        "oughtnt", "shant", "shouldnt", "uhuh", "wasnt", "werent",
        "oughtn't", "shan't", "shouldn't", "uh-uh", "wasn't", "weren't",
        "without", "wont", "wouldnt", "won't", "wouldn't", "rarely", "seldom", "despite",
    ], StringComparer.Ordinal);

    /// <summary>Degree adverbs: boosters raise the intensity of the sentiment word they precede, dampeners lower it.
    /// The two-word entries ("kind of") are matched as phrases by the idiom rule.</summary>
    public static readonly FrozenDictionary<string, double> Boosters = Build(
        BoosterIncrement,
        "absolutely", "amazingly", "awfully", "completely", "considerable", "considerably", "decidedly", "deeply",
        "effing", "enormous", "enormously", "entirely", "especially", "exceptional", "exceptionally", "extreme",
        "extremely", "fabulously", "flipping", "flippin", "frackin", "fracking", "fricking", "frickin", "frigging",
        "friggin", "fully", "fuckin", "fucking", "fuggin", "fugging", "greatly", "hella", "highly", "hugely",
        "incredible", "incredibly", "intensely", "major", "majorly", "more", "most", "particularly", "purely", "quite",
        "really", "remarkably", "so", "substantially", "thoroughly", "total", "totally", "tremendous", "tremendously",
        "uber", "unbelievably", "unusually", "utter", "utterly", "very")
        .Concat(Build(
            -BoosterIncrement,
            "almost", "barely", "hardly", "just enough", "kind of", "kinda", "kindof", "kind-of", "less", "little",
            "marginal", "marginally", "occasional", "occasionally", "partly", "scarce", "scarcely", "slight", "slightly",
            "somewhat", "sort of", "sorta", "sortof", "sort-of"))
        .ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Phrases around a lexicon word whose meaning is not the sum of their words: the phrase's valence
    /// replaces the word's.</summary>
    public static readonly FrozenDictionary<string, double> SpecialCases = new Dictionary<string, double>
    {
        ["the shit"] = 3,
        ["the bomb"] = 3,
        ["bad ass"] = 1.5,
        ["badass"] = 1.5,
        ["bus stop"] = 0,
        ["yeah right"] = -2,
        ["kiss of death"] = -1.5,
        ["to die for"] = 3,
        ["beating heart"] = 3.1,
        ["broken heart"] = -2.9,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static bool IsNegation(string lowerWord) => Negations.Contains(lowerWord) || lowerWord.Contains("n't", StringComparison.Ordinal);

    private static IEnumerable<KeyValuePair<string, double>> Build(double value, params string[] words) =>
        words.Select(word => KeyValuePair.Create(word, value));
}
