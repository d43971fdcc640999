using System.Collections.Frozen;
using Lingua;

namespace OrleansNlp.Analysis;

/// <summary>The languages <see cref="LinguaLanguageDetector"/> can tell apart, by lowercase ISO 639-1 code, with the
/// English names results carry.</summary>
public static class LinguaLanguages
{
    private static readonly FrozenDictionary<string, Language> ByCode = LanguageInfo.All()
        .ToFrozenDictionary(CodeOf, StringComparer.OrdinalIgnoreCase);

    /// <summary>Every supported code, sorted.</summary>
    public static IReadOnlyList<string> Codes { get; } = ByCode.Keys.Order(StringComparer.Ordinal).ToArray();

    public static bool IsSupported(string? code) => code is not null && ByCode.ContainsKey(code);

    public static Language FromCode(string code) =>
        ByCode.TryGetValue(code, out var language) ? language : throw new ArgumentException($"'{code}' is not a language the detector supports.", nameof(code));

    public static string CodeOf(Language language) => LanguageInfo.IsoCode6391(language).ToString().ToLowerInvariant();

    public static string NameOf(Language language) => language switch
    {
        // Lingua's own names for these two would read oddly on their own.
        Language.Bokmal => "Norwegian Bokmål",
        Language.Nynorsk => "Norwegian Nynorsk",
        _ => language.ToString(),
    };
}
