using System.Globalization;
using System.Text.Json;
using OrleansNlp.Contracts;

namespace OrleansNlp.Cli;

/// <summary>Prints a completed dataset job for people: its size, its fields, the invalid rows left out and its first
/// rows (one JSON object a line).</summary>
public static class DatasetPrinter
{
    public static void PrintSummary(TextWriter output, JobResponse job, TimeSpan elapsed, int rowsShown)
    {
        var result = job.Result!;
        var rows = result.Rows ?? [];
        var fields = result.Fields ?? [];
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Dataset {result.Name}  completed  {rows.Count} rows, {fields.Count} fields in {elapsed.TotalSeconds:0.00} s{(result.Model is null ? "" : $" (model {result.Model})")}"));
        var nameWidth = Math.Max("Field".Length, fields.Count == 0 ? 0 : fields.Max(field => field.Name?.Length ?? 0)) + 2;
        var typeWidth = Math.Max("Type".Length, fields.Count == 0 ? 0 : fields.Max(field => TypeOf(field).Length)) + 2;
        output.WriteLine($"  {"Field".PadRight(nameWidth)}{"Type".PadRight(typeWidth)}Required");
        foreach (var field in fields)
        {
            output.WriteLine($"  {(field.Name ?? "").PadRight(nameWidth)}{TypeOf(field).PadRight(typeWidth)}{(field.Required ? "yes" : "no")}");
        }

        var invalid = result.InvalidRows ?? [];
        output.WriteLine($"Invalid rows left out: {invalid.Count}");
        foreach (var row in invalid.Take(rowsShown))
        {
            output.WriteLine($"  {string.Join("; ", row.Errors)}");
        }

        if (rows.Count > 0)
        {
            output.WriteLine(rows.Count > rowsShown ? $"First {rowsShown} rows:" : "Rows:");
            foreach (var row in rows.Take(rowsShown))
            {
                output.WriteLine($"  {JsonSerializer.Serialize(row)}");
            }
        }

        output.WriteLine($"Export: GET /api/datasets/{job.JobId}.csv (or .jsonl)");
    }

    private static string TypeOf(DatasetField field) =>
        field.Type == DatasetFieldTypes.Enum && field.Values is { Count: > 0 } values ? $"enum({string.Join("|", values)})" : field.Type ?? "";
}
