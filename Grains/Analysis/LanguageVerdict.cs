using OrleansNlp.Models;

namespace OrleansNlp.Analysis;

/// <summary>Turns a detector's ranked confidences (a distribution over the candidate languages, summing to 1 or all 0)
/// into a <see cref="TextLanguage"/>: a code only when one language clearly wins, otherwise a null code with the
/// leading candidates, so that a guess is never presented as certain.</summary>
public static class LanguageVerdict
{
    /// <summary>A language is named only when its confidence is at least this. The confidences share 1 among all
    /// candidate languages, so 0.6 means the winner is more likely than all the others together, with a runner-up of
    /// at most 0.4. Measured with low accuracy over every language: sentences of five words or more in one language
    /// score 0.99-1.0, while single words and short phrases spread out ("hello" 0.25, "pizza" 0.17, "see you" 0.39).</summary>
    public const double MinimumConfidence = 0.6;

    /// <summary>How many candidates a result lists.</summary>
    public const int MaxCandidates = 3;

    // Four decimals are plenty for a confidence and keep the JSON short.
    private const int Decimals = 4;

    public static TextLanguage Unknown { get; } = new(null, null, null, []);

    /// <param name="ranked">(code, name, confidence), best first.</param>
    public static TextLanguage Decide(IEnumerable<(string Code, string Name, double Confidence)> ranked)
    {
        var candidates = ranked
            .Take(MaxCandidates)
            .Select(entry => new LanguageCandidate(entry.Code, entry.Name, Math.Round(entry.Confidence, Decimals)))
            // A text without letters gets 0 for every language: no candidate at all.
            .Where(candidate => candidate.Confidence > 0)
            .ToArray();
        if (candidates.Length == 0)
        {
            return Unknown;
        }

        var best = candidates[0];
        return best.Confidence >= MinimumConfidence
            ? new TextLanguage(best.Code, best.Name, best.Confidence, candidates)
            : new TextLanguage(null, null, null, candidates);
    }
}
