using Microsoft.Extensions.Options;

namespace OrleansNlp.Analysis;

/// <summary>Checks Analysis:Languages at start-up: ISO 639-1 codes the detector supports, at least two of them (Lingua
/// needs a choice), or none for every supported language.</summary>
public sealed class AnalysisOptionsValidator : IValidateOptions<AnalysisOptions>
{
    public ValidateOptionsResult Validate(string? name, AnalysisOptions options)
    {
        var codes = options.Languages.Select(code => code?.Trim() ?? "").ToArray();
        var unsupported = codes.Where(code => !LinguaLanguages.IsSupported(code)).ToArray();
        if (unsupported.Length > 0)
        {
            return ValidateOptionsResult.Fail(
                $"Analysis:Languages: {string.Join(", ", unsupported.Select(code => $"'{code}'"))} is not an ISO 639-1 code the language " +
                $"detector supports. Supported: {string.Join(' ', LinguaLanguages.Codes)}.");
        }

        if (codes.Length > 0 && codes.Distinct(StringComparer.OrdinalIgnoreCase).Count() < 2)
        {
            return ValidateOptionsResult.Fail(
                "Analysis:Languages needs at least two different languages to choose from, or none for every supported language.");
        }

        return ValidateOptionsResult.Success;
    }
}
