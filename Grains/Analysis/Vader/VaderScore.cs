using static OrleansNlp.Analysis.Vader.VaderWords;

namespace OrleansNlp.Analysis.Vader;

/// <summary>VADER's last step: the valences summed with punctuation emphasis and normalised into the compound score,
/// and the proportions of positive, neutral and negative words, rounded as the reference rounds them.</summary>
internal static class VaderScore
{
    /// <summary>The scores of a text from its words' final valences and its punctuation.</summary>
    public static SentimentScores Of(double[] sentiments, string text)
    {
        var sum = 0.0;
        foreach (var sentiment in sentiments)
        {
            sum += sentiment;
        }

        var emphasis = PunctuationEmphasis(text);
        sum += sum > 0 ? emphasis : sum < 0 ? -emphasis : 0;
        var compound = Math.Clamp(sum / Math.Sqrt(sum * sum + NormalisationAlpha), -1, 1);

        // Each non-neutral word counts its valence plus 1, so that it weighs at least as much as a neutral word.
        var positive = 0.0;
        var negative = 0.0;
        var neutral = 0;
        foreach (var sentiment in sentiments)
        {
            if (sentiment > 0)
            {
                positive += sentiment + 1;
            }
            else if (sentiment < 0)
            {
                negative += sentiment - 1;
            }
            else
            {
                neutral++;
            }
        }

        if (positive > Math.Abs(negative))
        {
            positive += emphasis;
        }
        else if (positive < Math.Abs(negative))
        {
            negative -= emphasis;
        }

        var total = positive + Math.Abs(negative) + neutral;
        return new SentimentScores(
            Negative: RoundHalfEven(Math.Abs(negative / total), 1e3),
            Neutral: RoundHalfEven(neutral / total, 1e3),
            Positive: RoundHalfEven(positive / total, 1e3),
            Compound: RoundHalfEven(compound, 1e4));
    }

    /// <summary>Rounds as Python's round() does, on the exact binary value: 0.71250000000000002 (the double nearest
    /// 0.7125) becomes 0.713. Math.Round scales first, and the product 712.5 loses the excess, so it gives 0.712.</summary>
    public static double RoundHalfEven(double value, double scale)
    {
        var scaled = value * scale;
        var rounded = Math.Round(scaled, MidpointRounding.ToEven);
        if (Math.Abs(scaled - Math.Truncate(scaled)) == 0.5)
        {
            // An apparent tie: the multiplication's exact error says on which side the true product lies.
            var error = Math.FusedMultiplyAdd(value, scale, -scaled);
            rounded = error > 0 ? Math.Ceiling(scaled) : error < 0 ? Math.Floor(scaled) : rounded;
        }

        // No "-0" in JSON for a score that rounds to zero from below.
        return rounded == 0 ? 0 : rounded / scale;
    }

    /// <summary>Up to 4 exclamation marks add 0.292 each; 2-3 question marks 0.18 each, more than 3 add 0.96.</summary>
    private static double PunctuationEmphasis(string text)
    {
        var exclamations = 0;
        var questions = 0;
        foreach (var c in text)
        {
            if (c == '!')
            {
                exclamations++;
            }
            else if (c == '?')
            {
                questions++;
            }
        }

        var emphasis = Math.Min(exclamations, 4) * ExclamationIncrement;
        if (questions > 1)
        {
            emphasis += questions <= 3 ? questions * QuestionIncrement : QuestionCap;
        }

        return emphasis;
    }
}
