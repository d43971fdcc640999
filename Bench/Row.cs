using System.Diagnostics;

namespace OrleansNlp.Bench;

/// <summary>One line of the benchmark table: throughput and the process's CPU time per text while it was measured.</summary>
public sealed record Row(string Mode, double TextsPerSecond, double CpuMicrosecondsPerText, string Note = "")
{
    public static Row Measure(string mode, Func<(double TextsPerSecond, long Texts)> run, string note = "")
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var (rate, texts) = run();
        return new Row(mode, rate, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMicroseconds / texts, note);
    }

    public static async Task<Row> MeasureAsync(string mode, Func<Task<(double TextsPerSecond, long Texts)>> run, string note = "")
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var (rate, texts) = await run();
        return new Row(mode, rate, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMicroseconds / texts, note);
    }
}
