using System.Globalization;

namespace OrleansNlp.Bench.Pipeline;

/// <summary>Context switches summed over a process's threads: <c>voluntary_ctxt_switches</c> (the thread went to sleep,
/// e.g. a thread-pool worker with no work left) and <c>nonvoluntary_ctxt_switches</c> (it was preempted).</summary>
public readonly record struct ContextSwitches(long Voluntary, long Involuntary)
{
    private const string VoluntaryField = "voluntary_ctxt_switches:";
    private const string InvoluntaryField = "nonvoluntary_ctxt_switches:";

    public static ContextSwitches operator +(ContextSwitches a, ContextSwitches b) => new(a.Voluntary + b.Voluntary, a.Involuntary + b.Involuntary);

    public static ContextSwitches operator -(ContextSwitches end, ContextSwitches start) => new(end.Voluntary - start.Voluntary, end.Involuntary - start.Involuntary);

    /// <summary>The sums over <c>/proc/PID/task/*/status</c>; null when the process is gone.</summary>
    public static ContextSwitches? Of(int pid)
    {
        string[] threads;
        try
        {
            threads = Directory.GetDirectories($"/proc/{pid}/task");
        }
        catch (IOException)
        {
            return null;
        }

        var total = new ContextSwitches();
        foreach (var thread in threads)
        {
            try
            {
                total += Parse(File.ReadLines(Path.Combine(thread, "status")));
            }
            catch (IOException)
            {
                // The thread exited between the listing and the read.
            }
        }

        return total;
    }

    /// <summary>The two counts of one thread's <c>status</c> file.</summary>
    public static ContextSwitches Parse(IEnumerable<string> statusLines)
    {
        long voluntary = 0, involuntary = 0;
        foreach (var line in statusLines)
        {
            if (line.StartsWith(VoluntaryField, StringComparison.Ordinal))
            {
                voluntary = long.Parse(line.AsSpan(VoluntaryField.Length).Trim(), CultureInfo.InvariantCulture);
            }
            else if (line.StartsWith(InvoluntaryField, StringComparison.Ordinal))
            {
                involuntary = long.Parse(line.AsSpan(InvoluntaryField.Length).Trim(), CultureInfo.InvariantCulture);
            }
        }

        return new ContextSwitches(voluntary, involuntary);
    }
}
