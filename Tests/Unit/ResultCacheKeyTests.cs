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

    [Fact]
    public void The_key_is_the_sha256_of_the_length_prefixed_fields_so_entries_stored_before_still_hit()
    {
        // 4,095 characters, then a surrogate pair across the hasher's 4,096-character slices, then more text.
        var text = new string('a', 4095) + "\U0001F600" + string.Concat(Enumerable.Repeat("Grüße, 世界. ", 900));
        var request = new JobRequest(text, "Was steht da?", Owner: "key-1");
        var analysis = new AnalysisOptions();
        var insights = $"language:{analysis.Language}:{analysis.LanguageAccuracy}:{string.Join(',', analysis.Languages)};sentiment:{analysis.Sentiment}";
        var fields = new[] { "v1", "key-1", new TableEmbedder().Model, "extractive", "ranked-sentences", "given:Was steht da?", insights, text };
        var expected = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes(string.Concat(fields.Select(field => $"{field.Length}:{field}\n")))));

        Assert.Equal(expected, KeyFor(analysis, request));
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
