using System.Text.Json;
using OrleansNlp.Client;
using OrleansNlp.Contracts;

namespace OrleansNlp.Cli;

/// <summary>Shows a job's progress as <c>[#########.........] 50% processing/llm  Generating output</c> (a dataset job's with
/// its rows: <c>[#######...........] 40% processing/generation  40/100 rows  Generating rows 41-60 of 100</c>), or a batch's as
/// <c>[#########.........] 50% processing  500/1000 done: 490 completed, 10 failed</c>: redrawn in place with \r on a
/// terminal, one line per change when the output is redirected.</summary>
public sealed class ProgressBar(TextWriter output, int? terminalWidth)
{
    public const int Width = 18;

    private string? _last;
    private int _drawn;

    public static string Render(JobProgress progress)
    {
        var rows = progress.Total is { } total ? $"  {progress.Completed ?? 0}/{total} rows" : "";
        return Render(progress.Progress, $"{Lower(progress.Status)}/{StageName(progress.Stage)}{rows}  {progress.Message}");
    }

    /// <summary>The stage as the API names it ("schema_preparation").</summary>
    public static string StageName(JobStage stage) => JsonSerializer.SerializeToElement(stage, JsonDefaults.Options).GetString()!;

    public static string Render(BatchResponse batch)
    {
        var counts = batch.Counts;
        var done = counts.Completed + counts.Failed + counts.Cancelled;
        var parts = new[] { (counts.Completed, "completed"), (counts.Failed, "failed"), (counts.Cancelled, "cancelled") }
            .Where(part => part.Item1 > 0).Select(part => $"{part.Item1} {part.Item2}").ToList();
        var waiting = new[] { (counts.Processing, "processing"), (counts.Pending, "pending") }
            .Where(part => part.Item1 > 0).Select(part => $"{part.Item1} {part.Item2}").ToList();
        var detail = $"{done}/{batch.Total} done" + (parts.Count > 0 ? ": " + string.Join(", ", parts) : "")
            + (waiting.Count > 0 ? "; " + string.Join(", ", waiting) : "");
        return Render(batch.Progress, $"{Lower(batch.Status)}  {detail}");
    }

    public void Show(JobProgress progress) => ShowLine(Render(progress));

    public void Show(BatchResponse batch) => ShowLine(Render(batch));

    private static string Render(int progress, string text)
    {
        var percent = Math.Clamp(progress, 0, 100);
        var filled = percent * Width / 100;
        return $"[{new string('#', filled)}{new string('.', Width - filled)}] {percent}% {text}".TrimEnd();
    }

    private static string Lower<T>(T value) where T : struct, Enum => value.ToString().ToLowerInvariant();

    private void ShowLine(string line)
    {
        if (line == _last)
        {
            return;
        }

        _last = line;
        if (terminalWidth is not { } width)
        {
            output.WriteLine(line);
            return;
        }

        // A line wider than the terminal wraps, and \r would then redraw only its last row.
        if (line.Length >= width)
        {
            line = line[..Math.Max(0, width - 2)] + "…";
        }

        output.Write("\r" + line + new string(' ', Math.Max(0, _drawn - line.Length)));
        output.Flush();
        _drawn = line.Length;
    }

    /// <summary>Ends the redrawn line so that what follows starts on a new one.</summary>
    public void End()
    {
        if (_drawn > 0)
        {
            output.WriteLine();
            _drawn = 0;
        }
    }
}
