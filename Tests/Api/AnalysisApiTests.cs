using System.Text.Json;
using OrleansNlp.Tests.Infrastructure;

namespace OrleansNlp.Tests;

/// <summary>Every job reports its language and sentiment; with the built-in providers (no network) non-English
/// sentiment is null with a reason rather than an English guess.</summary>
[Collection(EmbeddedWebCollection.Name)]
[Trait(TestCategory.Trait, TestCategory.Api)]
public sealed class AnalysisApiTests(EmbeddedWebFactory factory)
{
    // Texts are made unique (no cache hits) with digits, which are not words: a Guid's letters would be counted.
    private readonly HttpClient _http = factory.CreateClient();

    [Fact]
    public async Task An_English_job_has_its_language_vader_sentiment_and_english_top_words()
    {
        var job = await _http.FinalJobAsync(await _http.SubmitJobAsync(
            $"The harbour festival was a wonderful success. Visitors loved the boats, the music and the food stalls by the harbour. {Random.Shared.NextInt64()}"));

        var result = job.GetProperty("result");
        var language = result.GetProperty("language");
        Assert.Equal(("en", "English"), (language.GetProperty("code").GetString(), language.GetProperty("name").GetString()));
        Assert.InRange(language.GetProperty("confidence").GetDouble(), 0.6, 1);
        var sentiment = result.GetProperty("sentiment");
        Assert.Equal(("positive", "vader"), (sentiment.GetProperty("label").GetString(), sentiment.GetProperty("method").GetString()));
        Assert.InRange(sentiment.GetProperty("score").GetDouble(), 0.05, 1);
        var topWords = result.GetProperty("analysis").GetProperty("topWords").EnumerateArray().Select(word => word.GetProperty("word").GetString()).ToArray();
        Assert.Equal("harbour", topWords[0]);
        Assert.DoesNotContain("the", topWords);
    }

    [Fact]
    public async Task A_Russian_job_has_its_language_and_russian_top_words_and_no_english_sentiment_guess()
    {
        var job = await _http.FinalJobAsync(await _http.SubmitJobAsync(
            $"Вчера в городе открылась новая библиотека. Библиотека работает каждый день, и в библиотеке есть много новых книг для детей. {Random.Shared.NextInt64()}"));

        var result = job.GetProperty("result");
        Assert.Equal("ru", result.GetProperty("language").GetProperty("code").GetString());
        Assert.Equal("библиотека", result.GetProperty("analysis").GetProperty("topWords")[0].GetProperty("word").GetString());
        var sentiment = result.GetProperty("sentiment");
        Assert.Equal(JsonValueKind.Null, sentiment.GetProperty("label").ValueKind);
        Assert.Equal(JsonValueKind.Null, sentiment.GetProperty("method").ValueKind);
        Assert.Contains("Llm:Provider", sentiment.GetProperty("reason").GetString());
    }
}
