using System.Diagnostics;
using System.Text.Json;
using OrleansNlp.Tests.Infrastructure;
using Xunit.Abstractions;

namespace OrleansNlp.Tests;

/// <summary>The CI form of <c>Bench soak</c>: one minute at a modest rate against a real scripts/cluster.sh cluster
/// (redis-server, one silo, the frontend), run as the Bench binary is run by hand.</summary>
[Trait(TestCategory.Trait, TestCategory.Reliability)]
public sealed class SoakTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Script = "scripts/cluster.sh";
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan SoakTimeout = TimeSpan.FromMinutes(4);
    private static readonly string Configuration = AppContext.BaseDirectory.Contains("/Release/") ? "Release" : "Debug";

    private readonly DirectoryInfo _state = Directory.CreateTempSubdirectory("orleans-nlp-soak-");
    private readonly int _httpPort = FreePort.Next();

    private Dictionary<string, string> Environment => new()
    {
        ["CLUSTER_DIR"] = _state.FullName,
        ["CLUSTER_NO_BUILD"] = "1",
        ["CLUSTER_CONFIGURATION"] = Configuration,
    };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await ScriptRunner.RunAsync(Script, Environment, ScriptTimeout, "stop");
        _state.Delete(recursive: true);
    }

    [Fact]
    public async Task OneMinuteAt50PerSecond_NoServerErrors_NoLostJobs_BadRequestsAnswered4xx()
    {
        var bench = Path.Combine(ScriptRunner.RepositoryRoot, "Bench", "bin", Configuration, "net10.0", "Bench.dll");
        Assert.True(File.Exists(bench), $"{bench} is missing: build the solution (scripts/test.sh does)");
        var (started, startOutput) = await ScriptRunner.RunAsync(Script, Environment, ScriptTimeout, "start", "--silos", "1", "--http-port", _httpPort.ToString());
        Assert.True(started == 0, startOutput);

        // The memory check compares 30-40 s with 50-60 s. One minute cannot tell a leak of a few KB per job from a
        // process still settling (JIT, GC budgets), so it only catches gross growth here; the 10-minute soak applies 10 %.
        var (exitCode, stdout, stderr) = await RunAsync(bench,
            "soak", "--cluster-dir", _state.FullName, "--minutes", "1", "--rate", "50", "--warmup-seconds", "30", "--grace-seconds", "60",
            "--memory-tolerance", "50");
        output.WriteLine(stdout);
        output.WriteLine(stderr);

        Assert.True(exitCode == 0, $"soak exited {exitCode}:\n{stdout}\n{stderr}");
        using var report = JsonDocument.Parse(stdout.TrimEnd().Split('\n')[^1]);
        var root = report.RootElement;
        Assert.True(root.GetProperty("passed").GetBoolean());
        Assert.Equal(0, root.GetProperty("serverErrors").GetInt64());
        Assert.Empty(root.GetProperty("errors").EnumerateObject());

        var jobs = root.GetProperty("jobs");
        var accepted = jobs.GetProperty("accepted").GetInt64();
        Assert.Equal(2850, accepted); // 3,000 submissions, 5 % of them bad
        Assert.Equal(0, jobs.GetProperty("lost").GetInt64());
        Assert.Equal(accepted, jobs.GetProperty("final").EnumerateObject().Sum(status => status.Value.GetInt64()));
        Assert.Equal(accepted, jobs.GetProperty("finishedCounterDelta").GetDouble());
        Assert.Equal(0, jobs.GetProperty("cancelledByNoOne").GetInt64());
        Assert.True(jobs.GetProperty("cancelRequested").GetInt32() >= 140);

        var bad = root.GetProperty("load").GetProperty("badRequests").EnumerateObject().ToArray();
        Assert.Equal(["malformed-json", "empty-text", "oversize-metadata", "bad-priority"], bad.Select(kind => kind.Name));
        Assert.All(bad, kind =>
        {
            Assert.True(kind.Value.GetProperty("sent").GetInt64() >= 37, kind.Name);
            Assert.Equal(kind.Value.GetProperty("sent").GetInt64(), kind.Value.GetProperty("answeredRight").GetInt64());
        });

        var checks = root.GetProperty("checks").EnumerateArray().ToDictionary(check => check.GetProperty("name").GetString()!, check => check.GetProperty("passed"));
        Assert.True(checks["no lost jobs"].GetBoolean());
        Assert.True(checks["memory flat: silo-1"].GetBoolean());
        Assert.True(checks["memory flat: frontend"].GetBoolean());
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string dll, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = ScriptRunner.RepositoryRoot,
        };
        start.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(SoakTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"soak did not end within {SoakTimeout}:\n{await stdout}\n{await stderr}");
        }

        return (process.ExitCode, await stdout, await stderr);
    }
}
