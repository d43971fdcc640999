using System.Diagnostics;
using System.Runtime.InteropServices;

namespace OrleansNlp.Bench;

/// <summary>
/// Runs a load-generating verb in a child process with tiered compilation off (<c>DOTNET_TieredCompilation=0</c>).
/// With tiering on, a harness that lives for seconds keeps recompiling its hot paths (HttpClient, JSON) in the
/// background while it measures: about 0.3-0.5 ms of harness CPU per job in a 2,000-job run after a 1,000-job warm-up,
/// and most of a core at 10 jobs/s, taken from the cluster it measures on a small machine; with tiering off it was
/// about 0.13 ms per job. The verbs that host a silo in-process (<c>embed</c>, <c>llm</c>) keep the default. Setting
/// the variable yourself (any value) runs the verb in this process as it is.
/// </summary>
public static class HarnessProcess
{
    public const string Variable = "DOTNET_TieredCompilation";
    private const int SigTerm = 15;
    private const int SigInt = 2;

    /// <summary>The child's exit code, or null when this process should run the verb itself.</summary>
    public static async Task<int?> RelaunchAsync(string[] args)
    {
        if (Environment.GetEnvironmentVariable(Variable) is not null || !OperatingSystem.IsLinux())
        {
            return null;
        }

        var start = SelfStartInfo(args);
        start.Environment[Variable] = "0";
        using var child = Process.Start(start) ?? throw new InvalidOperationException("Could not start the harness process");
        // Ctrl+C in a terminal reaches the child through the process group; a signal sent to this process alone is passed on.
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => Forward(context, child, SigTerm));
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => Forward(context, child, SigInt));
        await child.WaitForExitAsync();
        return child.ExitCode;
    }

    /// <summary>A start of this program with these arguments, through the apphost or the dotnet host as this one was;
    /// standard input and output are shared.</summary>
    public static ProcessStartInfo SelfStartInfo(IEnumerable<string> args)
    {
        var host = Environment.ProcessPath ?? throw new InvalidOperationException("Unknown process path");
        var start = new ProcessStartInfo(host) { UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(host) == "dotnet")
        {
            start.ArgumentList.Add(typeof(HarnessProcess).Assembly.Location);
        }

        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return start;
    }

    private static void Forward(PosixSignalContext context, Process child, int signal)
    {
        context.Cancel = true;
        _ = Kill(child.Id, signal);
    }

#pragma warning disable SYSLIB1054 // a rare call: no marshalling to generate
    [DllImport("libc", EntryPoint = "kill")]
    private static extern int Kill(int pid, int signal);
#pragma warning restore SYSLIB1054
}
