using Microsoft.Extensions.Options;
using OrleansNlp.Analysis.Vader;
using OrleansNlp.Models;
using OrleansNlp.Text;

namespace OrleansNlp.Analysis;

/// <summary>Detects a text's language, counts its words with that language's stop words and judges its sentiment with
/// VADER when it is English; each part can be switched off (Analysis:Language, Analysis:Sentiment).</summary>
public sealed class TextInsightsAnalyzer(ILanguageDetector languages, VaderAnalyzer vader, IOptions<AnalysisOptions> options)
{
    public const string EnglishCode = "en";

    private readonly AnalysisOptions _options = options.Value;

    public async ValueTask<TextInsights> AnalyzeAsync(string text, CancellationToken cancellationToken = default)
    {
        var language = _options.Language ? await languages.DetectAsync(text, cancellationToken) : null;
        var words = TextAnalyzer.Analyze(text, language?.Code);
        if (!_options.Sentiment)
        {
            return new TextInsights(words, language, null, AskLlmForSentiment: false);
        }

        // With detection off the text is taken as English, as the word statistics do.
        if (language is null || language.Code == EnglishCode)
        {
            return new TextInsights(words, language, vader.Sentiment(text), AskLlmForSentiment: false);
        }

        var what = language.Name is { } name ? $"{name} text" : "a text whose language could not be determined";
        var reason = $"The built-in sentiment analyzer (VADER) covers English only; sentiment of {what} needs a generative LLM provider (Llm:Provider=openai).";
        return new TextInsights(words, language, new TextSentiment(null, null, null, reason), AskLlmForSentiment: true);
    }
}
