using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using OrleansNlp.Client;
using OrleansNlp.Contracts;

namespace OrleansNlp.Cli;

/// <summary>The <c>dataset</c> verb: a query, a row count and a file of field definitions submitted as a dataset job,
/// a progress bar counting rows until it ends, then the export written to <c>--out</c> (CSV or JSON Lines by its
/// extension) or a summary.</summary>
public sealed partial class CliApp
{
    /// <summary>How many rows the summary shows when no <c>--out</c> was given.</summary>
    public const int DatasetRowsShown = 5;

    private Command DatasetCommand()
    {
        var query = new Option<string>("--query", "-q") { Description = "What the rows are about", Required = true };
        var rows = new Option<int>("--rows", "-n") { Description = "How many rows to generate", Required = true };
        rows.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1)
            {
                result.AddError("--rows must be a positive number.");
            }
        });
        var fields = new Option<string>("--fields", "-f")
        {
            Description = "A JSON file with the columns: an array of {name, type, description?, required?, values?}",
            Required = true,
        };
        var name = new Option<string?>("--name") { Description = "The dataset's name, an identifier [default: the --out file's name, else dataset]" };
        var output = new Option<string?>("--out", "-o") { Description = "Write the rows here: data.csv (CSV) or data.jsonl (JSON Lines)" };
        var clientId = new Option<string?>("--client-id") { Description = "Groups this job with the caller's others (per-client event streams)" };
        var idempotencyKey = new Option<string?>("--idempotency-key") { Description = "Repeating a submission with this key returns the same job" };
        var command = new Command("dataset", "Generate a typed table from a query and field definitions, show its rows' progress, then export it")
        {
            query, rows, fields, name, output, clientId, idempotencyKey, _timeout,
        };
        command.SetAction(WithClient(async (parse, client, ct) =>
        {
            var outPath = parse.GetValue(output);
            var format = outPath is null ? null : FormatOf(outPath);
            if (outPath is not null && format is null)
            {
                await host.Error.WriteLineAsync($"error: --out must end with .csv or .jsonl (or .ndjson): '{outPath}'.");
                return ExitCodes.Usage;
            }

            if (outPath is not null && Path.GetDirectoryName(Path.GetFullPath(outPath)) is { } folder && !Directory.Exists(folder))
            {
                await host.Error.WriteLineAsync($"error: cannot write '{outPath}': the folder {folder} does not exist.");
                return ExitCodes.Usage;
            }

            var definitions = await ReadFieldsAsync(parse.GetValue(fields)!, ct);
            if (definitions is null)
            {
                return ExitCodes.Usage;
            }

            var datasetName = parse.GetValue(name) ?? DefaultName(outPath);
            var clock = Stopwatch.StartNew();
            var request = new SubmitDatasetRequest(parse.GetValue(query), parse.GetValue(rows), datasetName, definitions, parse.GetValue(clientId));
            var job = await client.SubmitDatasetAsync(request, parse.GetValue(idempotencyKey), ct);
            await host.Output.WriteLineAsync($"Dataset job {job.JobId} accepted: {request.Rows} rows of {datasetName}");

            var timeout = TimeSpan.FromSeconds(parse.GetValue(_timeout));
            var bar = new ProgressBar(host.Output, host.TerminalWidth);
            if (!await TrackAsync(client, job.JobId, timeout, bar, show: true, ct))
            {
                await host.Error.WriteLineAsync($"Dataset job {job.JobId} did not end within {timeout.TotalSeconds:0} s; it keeps running. Follow it with: orleans-nlp watch {job.JobId}");
                return ExitCodes.Timeout;
            }

            var final = await client.GetAsync(job.JobId, ct);
            if (final is null)
            {
                return await NotFoundAsync(job.JobId);
            }

            if (final.Status != JobStatus.Completed || final.Result is null)
            {
                JobPrinter.PrintJob(host.Output, final);
                return ExitCodes.JobFailed;
            }

            if (outPath is null)
            {
                DatasetPrinter.PrintSummary(host.Output, final, clock.Elapsed, DatasetRowsShown);
                return ExitCodes.Ok;
            }

            return await ExportAsync(client, final, outPath, format!.Value, ct);
        }));
        return command;
    }

    private async Task<int> ExportAsync(OrleansNlpClient client, JobResponse job, string path, ExportFormat format, CancellationToken ct)
    {
        // Written beside the target and moved over it once whole: a failed download leaves an existing file as it was.
        var partial = path + ".part";
        try
        {
            await using (var file = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true))
            {
                if (format == ExportFormat.Csv)
                {
                    await client.DownloadCsvAsync(job.JobId, file, ct);
                }
                else
                {
                    await client.DownloadJsonlAsync(job.JobId, file, ct);
                }
            }

            File.Move(partial, path, overwrite: true);
        }
        catch (Exception exception) when (exception is (IOException and not HttpIOException) or UnauthorizedAccessException)
        {
            File.Delete(partial);
            await host.Error.WriteLineAsync($"error: cannot write '{path}': {exception.Message}");
            return ExitCodes.Usage;
        }
        catch
        {
            File.Delete(partial);   // a partial export would pass for a whole one
            throw;
        }

        var result = job.Result!;
        await host.Output.WriteLineAsync(
            $"Wrote {result.Rows?.Count ?? 0} rows of {result.Name} to {path} ({result.InvalidRows?.Count ?? 0} invalid rows left out)");
        return ExitCodes.Ok;
    }

    /// <summary>The field definitions of a JSON file: an array of fields, or an object with a "fields" array (a whole
    /// request body); null (after saying why) when the file cannot be read or is no such JSON.</summary>
    private async Task<IReadOnlyList<DatasetField?>?> ReadFieldsAsync(string path, CancellationToken ct)
    {
        string content;
        try
        {
            content = await File.ReadAllTextAsync(path, ct);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            await host.Error.WriteLineAsync($"error: cannot read '{path}': {exception.Message}");
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(content);
            var array = document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("fields", out var inner)
                ? inner
                : document.RootElement;
            if (array.ValueKind != JsonValueKind.Array)
            {
                await host.Error.WriteLineAsync($"error: '{path}' must hold a JSON array of fields (or an object with a \"fields\" array).");
                return null;
            }

            return array.Deserialize<List<DatasetField?>>(JsonDefaults.Options);
        }
        catch (JsonException exception)
        {
            await host.Error.WriteLineAsync($"error: '{path}' is not valid JSON fields: {exception.Message}");
            return null;
        }
    }

    /// <summary>The --out file's name when it is an identifier (data.csv → data), else "dataset".</summary>
    private static string DefaultName(string? outPath)
    {
        var stem = outPath is null ? "" : Path.GetFileNameWithoutExtension(outPath);
        var identifier = stem.Length is > 0 and <= 64 && (char.IsAsciiLetter(stem[0]) || stem[0] == '_')
            && stem.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
        return identifier ? stem : "dataset";
    }

    /// <summary>The export an --out path asks for by its extension; null for another extension.</summary>
    private static ExportFormat? FormatOf(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".csv" => ExportFormat.Csv,
        ".jsonl" or ".ndjson" => ExportFormat.Jsonl,
        _ => null,
    };

    private enum ExportFormat
    {
        Csv,
        Jsonl,
    }
}
