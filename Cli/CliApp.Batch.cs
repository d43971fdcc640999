using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using OrleansNlp.Client;
using OrleansNlp.Contracts;

namespace OrleansNlp.Cli;

/// <summary>The <c>batch FILE</c> verb: one text a line (or <c>-</c> for standard input) submitted as one batch, a live
/// progress bar, then a summary table of counts, languages and sentiment.</summary>
public sealed partial class CliApp
{
    /// <summary>How many failed jobs the summary lists by id.</summary>
    public const int FailedJobsShown = 10;

    private Command BatchCommand()
    {
        var file = new Argument<string>("file") { Description = "A file with one text a line (blank lines are skipped), or - for standard input" };
        var instruction = new Option<string?>("--instruction", "-i") { Description = "What to do with each text (e.g. a question)" };
        var priority = new Option<JobPriority?>("--priority", "-p") { Description = "Priority of every job of the batch", HelpName = "normal|high|low" };
        priority.Validators.Add(RequireOneName);
        var metadata = new Option<string?>("--metadata") { Description = "A JSON object stored with every job of the batch" };
        var idempotencyKey = new Option<string?>("--idempotency-key") { Description = "Repeating a submission with this key returns the same batch" };
        var json = new Option<bool>("--json") { Description = "Print the final batch as JSON instead of the bar and the table" };
        var command = new Command("batch", "Submit many texts as one batch, show its progress until it ends, then a summary")
        {
            file, instruction, priority, metadata, idempotencyKey, _timeout, json,
        };
        command.SetAction(WithClient(async (parse, client, ct) =>
        {
            var texts = await ReadTextsAsync(parse.GetValue(file)!, ct);
            if (texts is null)
            {
                return ExitCodes.Usage;
            }

            JsonElement? metadataValue = null;
            if (parse.GetValue(metadata) is { } metadataJson)
            {
                try
                {
                    metadataValue = JsonSerializer.Deserialize<JsonElement>(metadataJson);
                }
                catch (JsonException exception)
                {
                    await host.Error.WriteLineAsync($"error: --metadata is not valid JSON: {exception.Message}");
                    return ExitCodes.Usage;
                }
            }

            var asJson = parse.GetValue(json);
            var clock = Stopwatch.StartNew();
            var accepted = await client.SubmitBatchAsync(texts, parse.GetValue(instruction), metadataValue, parse.GetValue(priority),
                parse.GetValue(idempotencyKey), cancellationToken: ct);
            if (!asJson)
            {
                await host.Output.WriteLineAsync($"Batch {accepted.BatchId} accepted: {accepted.JobIds.Count} texts");
            }

            var timeout = TimeSpan.FromSeconds(parse.GetValue(_timeout));
            var bar = new ProgressBar(host.Output, host.TerminalWidth);
            BatchResponse batch;
            try
            {
                batch = await client.WaitBatchAsync(accepted.BatchId, timeout, asJson ? null : new InlineProgress<BatchResponse>(bar.Show), ct);
            }
            catch (BatchWaitTimeoutException)
            {
                bar.End();
                await host.Error.WriteLineAsync($"Batch {accepted.BatchId} did not end within {timeout.TotalSeconds:0} s; its jobs keep running.");
                return ExitCodes.Timeout;
            }

            bar.End();
            if (asJson)
            {
                JobPrinter.PrintJson(host.Output, batch);
            }
            else
            {
                var failed = batch.Counts.Failed == 0 ? []
                    : await client.GetAllBatchResultsAsync(batch.BatchId, cancellationToken: ct)
                        .Where(job => job.Status == JobStatus.Failed).Take(FailedJobsShown).ToListAsync(ct);
                BatchPrinter.PrintSummary(host.Output, batch, clock.Elapsed, failed);
            }

            return batch.Counts.Completed == batch.Total ? ExitCodes.Ok : ExitCodes.JobFailed;
        }));
        return command;
    }

    /// <summary>The texts of a file or of standard input, one a line, blank lines left out; null (after saying why)
    /// when there are none or the file cannot be read.</summary>
    private async Task<IReadOnlyList<string>?> ReadTextsAsync(string file, CancellationToken ct)
    {
        string content;
        if (file == "-")
        {
            if (host.Input is null)
            {
                await host.Error.WriteLineAsync("error: no standard input to read texts from.");
                return null;
            }

            content = await host.Input.ReadToEndAsync(ct);
        }
        else
        {
            try
            {
                content = await File.ReadAllTextAsync(file, ct);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                await host.Error.WriteLineAsync($"error: cannot read '{file}': {exception.Message}");
                return null;
            }
        }

        var texts = content.Split('\n').Select(line => line.TrimEnd('\r')).Where(line => !string.IsNullOrWhiteSpace(line)).ToArray();
        if (texts.Length == 0)
        {
            await host.Error.WriteLineAsync($"error: {(file == "-" ? "standard input" : $"'{file}'")} holds no text (one text a line).");
            return null;
        }

        return texts;
    }

    /// <summary>Reports on the caller's own flow, in order (<see cref="Progress{T}"/> would post to the thread pool,
    /// where two reports may overtake each other).</summary>
    private sealed class InlineProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
