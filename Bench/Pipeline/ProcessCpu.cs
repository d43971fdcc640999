using System.Globalization;
using System.Runtime.InteropServices;

namespace OrleansNlp.Bench.Pipeline;

/// <summary>A process watched for CPU time (user + system time from <c>/proc/PID/stat</c>) and for its threads' context
/// switches (<c>/proc/PID/task/*/status</c>), read at the start and the end of the measured window, nothing in between.
/// The switches say how often its threads went to sleep (voluntary) or were preempted (involuntary): under a moderate
/// load most of a job's CPU goes to waking sleeping threads, not to the work.</summary>
public sealed class ProcessCpu(string name, int pid)
{
    private const int ClockTicksName = 2; // _SC_CLK_TCK
    private static readonly double TicksPerSecond = ReadTicksPerSecond();

    private double? _startMs;
    private ContextSwitches? _startSwitches;

    public string Name { get; } = name;

    public int Pid { get; } = pid;

    /// <summary>"label=PID" or "PID" (labelled from its command line: the .dll it runs, else its executable).</summary>
    public static ProcessCpu Parse(string spec)
    {
        var equals = spec.IndexOf('=');
        var pid = int.Parse(equals < 0 ? spec : spec[(equals + 1)..], CultureInfo.InvariantCulture);
        return new ProcessCpu(equals < 0 ? NameOf(pid) : spec[..equals], pid);
    }

    public void Start()
    {
        _startMs = CpuMilliseconds(Pid);
        _startSwitches = ContextSwitches.Of(Pid);
    }

    /// <summary>CPU milliseconds since <see cref="Start"/>; null when the process could not be read (it exited).</summary>
    public double? Elapsed() => _startMs is { } start && CpuMilliseconds(Pid) is { } now ? now - start : null;

    /// <summary>Context switches since <see cref="Start"/> of the threads alive at the end (a thread that exited in
    /// between takes its count with it); null when the process could not be read.</summary>
    public ContextSwitches? SwitchesElapsed() =>
        _startSwitches is { } start && ContextSwitches.Of(Pid) is { } now ? now - start : null;

    /// <summary>utime + stime of a process in milliseconds, or null when it is gone.</summary>
    public static double? CpuMilliseconds(int pid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return null;
        }

        // The command name (field 2) is in parentheses and may hold spaces: count fields after the last ')'.
        // Fields 14 and 15 (utime, stime) are the 12th and 13th after it.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return ticks * 1000.0 / TicksPerSecond;
    }

    private static string NameOf(int pid)
    {
        try
        {
            var args = File.ReadAllText($"/proc/{pid}/cmdline").Split('\0', StringSplitOptions.RemoveEmptyEntries);
            var dll = args.FirstOrDefault(arg => arg.EndsWith(".dll", StringComparison.OrdinalIgnoreCase));
            var name = dll is not null ? Path.GetFileNameWithoutExtension(dll) : Path.GetFileName(args.FirstOrDefault() ?? "");
            return $"{name}:{pid}";
        }
        catch (IOException)
        {
            return pid.ToString(CultureInfo.InvariantCulture);
        }
    }

    private static double ReadTicksPerSecond()
    {
        try
        {
            var ticks = SysConf(ClockTicksName);
            return ticks > 0 ? ticks : 100;
        }
        catch (Exception exception) when (exception is DllNotFoundException or EntryPointNotFoundException)
        {
            return 100; // USER_HZ on every Linux build in practice.
        }
    }

#pragma warning disable SYSLIB1054 // one call at start-up: no marshalling to generate
    [DllImport("libc", EntryPoint = "sysconf")]
    private static extern long SysConf(int name);
#pragma warning restore SYSLIB1054
}
