namespace OrleansNlp.Models;

/// <summary>The detected language of a text (ISO 639-1 code, English name, confidence 0..1); a null code when the text
/// is too short or ambiguous, with the candidates' confidences.</summary>
[GenerateSerializer, Immutable, Alias("OrleansNlp.TextLanguage")]
public sealed record TextLanguage(
    [property: Id(0)] string? Code,
    [property: Id(1)] string? Name,
    [property: Id(2)] double? Confidence,
    [property: Id(3)] IReadOnlyList<LanguageCandidate> Candidates);

/// <summary>One language a text could be in, with the detector's confidence.</summary>
[GenerateSerializer, Immutable, Alias("OrleansNlp.LanguageCandidate")]
public sealed record LanguageCandidate(
    [property: Id(0)] string Code,
    [property: Id(1)] string Name,
    [property: Id(2)] double Confidence);
