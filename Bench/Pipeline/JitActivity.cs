using System.Globalization;

namespace OrleansNlp.Bench.Pipeline;

/// <summary>How many methods the .NET JIT has compiled in the measured processes: the runtime's
/// <c>dotnet_jit_compiled_methods_total</c> on each process's <c>/metrics</c>, summed. A process keeps recompiling its hot
/// methods (tiered compilation, then dynamic PGO) for tens of thousands of jobs after it starts; until that settles the
/// background JIT takes a large share of the CPU, and a measurement is not of a warm system.</summary>
public sealed class JitActivity(HttpClient http, IReadOnlyList<Uri> metricsUrls)
{
    private const string CompiledMethods = "dotnet_jit_compiled_methods_total";

    /// <summary>The count summed over the processes that expose it; null when none does.</summary>
    public async Task<long?> ReadAsync(CancellationToken ct)
    {
        var counts = await Task.WhenAll(metricsUrls.Select(async url =>
        {
            try
            {
                return Parse(await http.GetStringAsync(url, ct));
            }
            catch (HttpRequestException)
            {
                return null;
            }
        }));
        return counts.Any(count => count is not null) ? counts.Sum(count => count ?? 0) : null;
    }

    /// <summary>The counter's value in a Prometheus exposition (e.g.
    /// <c>dotnet_jit_compiled_methods_total{otel_scope_name="System.Runtime"} 34259</c>); null when absent.</summary>
    public static long? Parse(string exposition)
    {
        foreach (var line in exposition.AsSpan().EnumerateLines())
        {
            if (!line.StartsWith(CompiledMethods) || line.Length == CompiledMethods.Length || line[CompiledMethods.Length] is not ('{' or ' '))
            {
                continue;
            }

            var rest = line[(line.LastIndexOf('}') is var brace and >= 0 ? brace + 1 : CompiledMethods.Length)..].Trim();
            var space = rest.IndexOf(' ');
            return (long)double.Parse(space < 0 ? rest : rest[..space], CultureInfo.InvariantCulture);
        }

        return null;
    }
}
