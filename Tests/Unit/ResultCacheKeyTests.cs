using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OrleansNlp.Analysis;
using OrleansNlp.Cache;
using OrleansNlp.Llm;
using OrleansNlp.Models;
using OrleansNlp.Tests.Infrastructure;

namespace OrleansNlp.Tests;

/// <summary>A cached result is served only to a job that would have computed the same one.</summary>
[Trait(TestCategory.Trait, TestCategory.Unit)]
public sealed class ResultCacheKeyTests
{
    private static readonly JobRequest Request = new("Rivers carry silt to the sea.", "What do rivers carry?");

    [Fact]
    public void The_same_request_under_the_same_settings_has_the_same_key()
    {
        Assert.Equal(KeyFor(new AnalysisOptions()), KeyFor(new AnalysisOptions()));
        Assert.NotEqual(KeyFor(new AnalysisOptions()), KeyFor(new AnalysisOptions(), Request with { Text = Request.Text + " Slowly." }));
    }

    [Fact]
    public void Switching_language_detection_or_sentiment_or_their_settings_changes_the_key()
    {
        var keys = new[]
        {
            KeyFor(new AnalysisOptions()),
            KeyFor(new AnalysisOptions { Language = false }),
            KeyFor(new AnalysisOptions { Sentiment = false }),
            KeyFor(new AnalysisOptions { Language = false, Sentiment = false }),
            KeyFor(new AnalysisOptions { Languages = ["en", "de"] }),
            KeyFor(new AnalysisOptions { LanguageAccuracy = LanguageAccuracy.High }),
        };

        Assert.Equal(keys.Length, keys.Distinct().Count());
    }

    private static string KeyFor(AnalysisOptions analysis, JobRequest? request = null) =>
        new JobResultCache(
                new InMemoryResultCache(Options.Create(new CacheOptions())),
                new TableEmbedder(),
                new NamedProvider(),
                Options.Create(new CacheOptions()),
                Options.Create(new LlmOptions()),
                Options.Create(analysis),
                NullLogger<JobResultCache>.Instance)
            .KeyFor(request ?? Request);

    private sealed class NamedProvider : ILlmProvider
    {
        public string Name => "extractive";

        public string Model => "ranked-sentences";

        public Task<LlmOutput> GenerateAsync(LlmRequest request, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
