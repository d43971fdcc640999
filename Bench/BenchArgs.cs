using System.Globalization;

namespace OrleansNlp.Bench;

/// <summary>Options of a verb given as <c>--name value</c> pairs (or a bare <c>--flag</c>); unknown names are refused so
/// that a typo does not silently measure the default.</summary>
public sealed class BenchArgs
{
    private readonly Dictionary<string, string?> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    public BenchArgs(IReadOnlyList<string> args)
    {
        for (var i = 0; i < args.Count; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"Expected an option (--name), got '{args[i]}'.");
            }

            var name = args[i][2..];
            var hasValue = i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal);
            _values[name] = hasValue ? args[++i] : null;
        }
    }

    public string? String(string name) => Read(name, out var value) ? value : null;

    public string Required(string name) =>
        String(name) ?? throw new ArgumentException($"--{name} is required.");

    public int Int(string name, int fallback) =>
        Read(name, out var value) ? int.Parse(Value(name, value), CultureInfo.InvariantCulture) : fallback;

    public int? OptionalInt(string name) =>
        Read(name, out var value) ? int.Parse(Value(name, value), CultureInfo.InvariantCulture) : null;

    public double? OptionalDouble(string name) =>
        Read(name, out var value) ? double.Parse(Value(name, value), CultureInfo.InvariantCulture) : null;

    public bool Flag(string name) => Read(name, out _);

    /// <summary>A comma-separated list; empty when the option is absent.</summary>
    public string[] List(string name) =>
        String(name)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];

    /// <summary>Throws if an option was given that no one asked for.</summary>
    public void RejectUnknown()
    {
        var unknown = _values.Keys.Where(name => !_read.Contains(name)).ToArray();
        if (unknown.Length > 0)
        {
            throw new ArgumentException($"Unknown option(s): {string.Join(", ", unknown.Select(name => "--" + name))}.");
        }
    }

    private bool Read(string name, out string? value)
    {
        _read.Add(name);
        return _values.TryGetValue(name, out value);
    }

    private static string Value(string name, string? value) =>
        value ?? throw new ArgumentException($"--{name} needs a value.");
}
