namespace OrleansNlp.Contracts;

/// <summary>The detected language of a text: ISO 639-1 <see cref="Code"/>, English <see cref="Name"/> and
/// <see cref="Confidence"/> (0..1). A text too short or too ambiguous to call has a null code; the candidates' confidences
/// say what it could be.</summary>
public sealed record TextLanguage(string? Code, string? Name, double? Confidence, IReadOnlyList<LanguageCandidate> Candidates);

/// <summary>One language a text could be in, with the detector's confidence (0..1).</summary>
public sealed record LanguageCandidate(string Code, string Name, double Confidence);
