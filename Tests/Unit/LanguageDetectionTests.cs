using Microsoft.Extensions.Options;
using OrleansNlp.Analysis;
using OrleansNlp.Models;
using OrleansNlp.Tests.Infrastructure;

namespace OrleansNlp.Tests;

[Trait(TestCategory.Trait, TestCategory.Unit)]
public sealed class LanguageDetectionTests
{
    [Theory]
    [InlineData("hello")]
    [InlineData("pizza")]
    [InlineData("see you")]
    public async Task Detect_ShortOrAmbiguousText_HasNoCode_ButListsTheLeadingCandidates(string text)
    {
        var language = await SharedLanguageDetector.Instance.DetectAsync(text);

        Assert.Null(language.Code);
        Assert.Null(language.Name);
        Assert.Null(language.Confidence);
        Assert.InRange(language.Candidates.Count, 2, LanguageVerdict.MaxCandidates);
        Assert.All(language.Candidates, candidate => Assert.InRange(candidate.Confidence, 0.0001, LanguageVerdict.MinimumConfidence));
        Assert.Equal(language.Candidates.OrderByDescending(candidate => candidate.Confidence), language.Candidates);
    }

    [Theory]
    [InlineData("")]
    [InlineData("12345 !!! 3.14")]
    public async Task Detect_TextWithoutLetters_HasNoCodeAndNoCandidates(string text)
    {
        var language = await SharedLanguageDetector.Instance.DetectAsync(text);

        Assert.Equal(new TextLanguage(null, null, null, []), language with { Candidates = [] });
        Assert.Empty(language.Candidates);
    }

    [Fact]
    public async Task Detect_LongText_IsJudgedByItsStart()
    {
        var german = string.Concat(Enumerable.Repeat("Der Hund spielt jeden Morgen im Garten mit den Kindern der Nachbarn. ", 40));
        var english = string.Concat(Enumerable.Repeat("The children of the neighbours play with the dog in the garden every morning. ", 200));
        Assert.True(german.Length > LinguaLanguageDetector.MaxExaminedLength);

        var language = await SharedLanguageDetector.Instance.DetectAsync(german + english);

        Assert.Equal("de", language.Code);
    }

    [Fact]
    public void Detectors_WithTheSameSettings_ShareOneBuild()
    {
        var other = new LinguaLanguageDetector(Options.Create(new AnalysisOptions()));

        Assert.Same(SharedLanguageDetector.Instance.Ready, other.Ready);
    }

    [Fact]
    public async Task Detect_WithConfiguredLanguages_ChoosesOnlyAmongThem()
    {
        var detector = new LinguaLanguageDetector(Options.Create(new AnalysisOptions { Languages = ["EN", "de"] }));

        var german = await detector.DetectAsync("Der Hund spielt im Garten und die Kinder lachen laut.");
        var french = await detector.DetectAsync("Le chat dort sur le canapé pendant que les enfants jouent dans le jardin.");

        Assert.Equal("de", german.Code);
        Assert.All(french.Candidates, candidate => Assert.Contains(candidate.Code, new[] { "en", "de" }));
    }

    [Fact]
    public void Verdict_NamesALanguageOnlyFromTheMinimumConfidence()
    {
        var clear = LanguageVerdict.Decide([("en", "English", 0.6), ("de", "German", 0.3), ("nl", "Dutch", 0.05), ("da", "Danish", 0.05)]);
        var close = LanguageVerdict.Decide([("en", "English", 0.59), ("de", "German", 0.41)]);

        Assert.Equal(new TextLanguage("en", "English", 0.6, clear.Candidates), clear);
        Assert.Equal(["en", "de", "nl"], clear.Candidates.Select(candidate => candidate.Code));
        Assert.Null(close.Code);
        Assert.Null(close.Confidence);
        Assert.Equal([new LanguageCandidate("en", "English", 0.59), new LanguageCandidate("de", "German", 0.41)], close.Candidates);
    }

    [Fact]
    public void Verdict_DropsCandidatesWithoutConfidence()
    {
        var verdict = LanguageVerdict.Decide([("en", "English", 0.0), ("de", "German", 0.0)]);

        Assert.Null(verdict.Code);
        Assert.Empty(verdict.Candidates);
    }
}
