using System.Globalization;

namespace OrleansNlp.Analysis.Vader;

/// <summary>The VADER lexicon: the mean human valence rating (-4..4) of about 7,500 English words, emoticons, slang
/// and initialisms, shipped in models/vader-lexicon (see its PROVENANCE.md).</summary>
public sealed class VaderLexicon
{
    private readonly Dictionary<string, double> _valences;

    private VaderLexicon(Dictionary<string, double> valences) => _valences = valences;

    /// <summary>The lexicon copied next to the binaries by the Grains project.</summary>
    public static string DefaultPath { get; } =
        Path.Combine(AppContext.BaseDirectory, "models", "vader-lexicon", "vader_lexicon.txt");

    public int Count => _valences.Count;

    /// <summary>Looks up a lowercased token; entries are matched exactly (ordinal), as the reference does.</summary>
    public bool TryGetValence(string word, out double valence) => _valences.TryGetValue(word, out valence);

    public static VaderLexicon Load(string path) => Parse(File.ReadLines(path));

    /// <summary>Reads lines of <c>token TAB mean [TAB sd TAB ratings]</c>. A token listed twice keeps its last
    /// value (the shipped file lists a few twice, e.g. "lol", and the reference keeps the last).</summary>
    public static VaderLexicon Parse(IEnumerable<string> lines)
    {
        var valences = new Dictionary<string, double>(8_192, StringComparer.Ordinal);
        var number = 0;
        foreach (var raw in lines)
        {
            number++;
            var line = raw.Trim();
            if (line.Length == 0)
            {
                continue;
            }

            var fields = line.Split('\t');
            if (fields.Length < 2 || fields[0].Length == 0 ||
                !double.TryParse(fields[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var valence))
            {
                throw new InvalidDataException($"VADER lexicon line {number} is not 'token<TAB>valence': '{line}'.");
            }

            valences[fields[0]] = valence;
        }

        return new VaderLexicon(valences);
    }
}
