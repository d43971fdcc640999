using OrleansNlp.Client;
using OrleansNlp.Contracts;

namespace OrleansNlp.Cli;

/// <summary>Shows a job's progress as <c>[#########.........] 50% processing/llm  Generating output</c>: redrawn in
/// place with \r on a terminal, one line per change when the output is redirected.</summary>
public sealed class ProgressBar(TextWriter output, int? terminalWidth)
{
    public const int Width = 18;

    private string? _last;
    private int _drawn;

    public static string Render(JobProgress progress)
    {
        var percent = Math.Clamp(progress.Progress, 0, 100);
        var filled = percent * Width / 100;
        var status = $"{progress.Status.ToString().ToLowerInvariant()}/{progress.Stage.ToString().ToLowerInvariant()}";
        return $"[{new string('#', filled)}{new string('.', Width - filled)}] {percent}% {status}  {progress.Message}".TrimEnd();
    }

    public void Show(JobProgress progress)
    {
        var line = Render(progress);
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
