using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OrleansNlp.Analysis;
using OrleansNlp.Hosting;
using OrleansNlp.Tests.Infrastructure;

namespace OrleansNlp.Tests;

[Trait(TestCategory.Trait, TestCategory.Unit)]
public sealed class AnalysisOptionsTests
{
    [Theory]
    [InlineData("")]
    [InlineData("en,de")]
    [InlineData("EN,zh,ja,nb,nn")]
    public void Validator_AcceptsSupportedCodes_OrNone(string languages)
    {
        var result = new AnalysisOptionsValidator().Validate(null, new AnalysisOptions { Languages = Split(languages) });

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Theory]
    [InlineData("en,xx", "'xx'")]
    [InlineData("en,english", "'english'")]
    [InlineData("eng,deu", "'eng', 'deu'")]
    [InlineData("en", "at least two")]
    [InlineData("en,EN", "at least two")]
    public void Validator_RefusesUnsupportedCodes_AndASingleLanguage_NamingTheSetting(string languages, string detail)
    {
        var result = new AnalysisOptionsValidator().Validate(null, new AnalysisOptions { Languages = Split(languages) });

        Assert.True(result.Failed);
        Assert.Contains("Analysis:Languages", result.FailureMessage);
        Assert.Contains(detail, result.FailureMessage);
    }

    [Fact]
    public async Task StartUp_WithAnUnsupportedLanguage_FailsNamingTheSetting()
    {
        using var host = Host(new() { ["Analysis:Languages:0"] = "en", ["Analysis:Languages:1"] = "klingon" });

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Analysis:Languages", failure.Message);
        Assert.Contains("'klingon'", failure.Message);
    }

    [Fact]
    public async Task LanguageOff_RegistersADetectorThatNamesNoLanguage()
    {
        using var host = Host(new() { ["Analysis:Language"] = "false" });
        await host.StartAsync();

        var detector = host.Services.GetRequiredService<ILanguageDetector>();
        var language = await detector.DetectAsync("Der Hund spielt jeden Morgen im Garten mit den Kindern.");

        Assert.IsType<DisabledLanguageDetector>(detector);
        Assert.Null(language.Code);
        Assert.Empty(language.Candidates);
        await host.StopAsync();
    }

    [Fact]
    public async Task LanguageOn_RegistersTheSharedLinguaBuild()
    {
        using var host = Host([]);
        await host.StartAsync();

        var detector = Assert.IsType<LinguaLanguageDetector>(host.Services.GetRequiredService<ILanguageDetector>());

        Assert.Same(SharedLanguageDetector.Instance.Ready, detector.Ready);
        Assert.Equal("fr", (await detector.DetectAsync("Le chat dort sur le canapé pendant que les enfants jouent.")).Code);
        await host.StopAsync();
    }

    private static string[] Split(string languages) => languages.Split(',', StringSplitOptions.RemoveEmptyEntries);

    private static IHost Host(Dictionary<string, string?> settings)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddOrleansNlpAnalysis();
        return builder.Build();
    }
}
