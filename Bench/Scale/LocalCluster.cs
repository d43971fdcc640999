using System.Diagnostics;
using System.Globalization;
using OrleansNlp.Bench.Pipeline;

namespace OrleansNlp.Bench.Scale;

/// <summary>A cluster started with <c>scripts/cluster.sh start</c> in its own state directory, stopped with
/// <c>scripts/cluster.sh stop</c> (which ends exactly the processes it started) when disposed. Never builds: the
/// Release binaries must be there.</summary>
public sealed class LocalCluster : IAsyncDisposable
{
    private readonly string _script;
    private readonly string _dir;

    private LocalCluster(string script, string dir, ClusterDirectory state)
    {
        _script = script;
        _dir = dir;
        State = state;
    }

    public ClusterDirectory State { get; }

    public static async Task<LocalCluster> StartAsync(
        string repoRoot, string dir, int silos, IReadOnlyDictionary<string, string> environment, CancellationToken ct)
    {
        var script = Path.Combine(repoRoot, "scripts", "cluster.sh");
        foreach (var dll in new[] { "Silo/bin/Release/net10.0/Silo.dll", "WebFrontend/bin/Release/net10.0/WebFrontend.dll" })
        {
            if (!File.Exists(Path.Combine(repoRoot, dll)))
            {
                throw new InvalidOperationException($"{dll} is missing: build Silo and WebFrontend in Release first.");
            }
        }

        Directory.CreateDirectory(dir);
        var httpPort = FreePort.Next().ToString(CultureInfo.InvariantCulture);
        var exit = await RunAsync(script, dir, environment, ct, "start", "--silos", silos.ToString(CultureInfo.InvariantCulture), "--http-port", httpPort);
        if (exit != 0)
        {
            await RunAsync(script, dir, environment, CancellationToken.None, "stop");
            throw new InvalidOperationException($"scripts/cluster.sh start exited with {exit}; logs in {dir}");
        }

        return new LocalCluster(script, dir, ClusterDirectory.Read(dir));
    }

    public async ValueTask DisposeAsync()
    {
        await RunAsync(_script, _dir, new Dictionary<string, string>(), CancellationToken.None, "stop");
        // The logs stay; Redis' append-only file of a throwaway cluster does not need to.
        var data = Path.Combine(_dir, "redis");
        if (Directory.Exists(data))
        {
            Directory.Delete(data, recursive: true);
        }
    }

    private static async Task<int> RunAsync(
        string script, string dir, IReadOnlyDictionary<string, string> environment, CancellationToken ct, params string[] args)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(script);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // The harness's own runtime setting is not the cluster's (pass one with --env to set it there).
        start.Environment.Remove(HarnessProcess.Variable);
        start.Environment["CLUSTER_DIR"] = dir;
        start.Environment["CLUSTER_NO_BUILD"] = "1";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("bash did not start");
        // The script's children write to their own log files, so these pipes close when the script ends.
        var forward = Task.WhenAll(
            Forward(process.StandardOutput),
            Forward(process.StandardError));
        await process.WaitForExitAsync(ct);
        await forward;
        return process.ExitCode;
    }

    private static async Task Forward(StreamReader reader)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            Console.Error.WriteLine("  cluster.sh: " + line);
        }
    }
}
