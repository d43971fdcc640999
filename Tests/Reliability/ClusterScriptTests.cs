using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using OrleansNlp.Tests.Infrastructure;
using Xunit.Abstractions;

namespace OrleansNlp.Tests;

/// <summary>scripts/cluster.sh end to end: real processes (redis-server, silos, frontend) on loopback.</summary>
[Trait(TestCategory.Trait, TestCategory.Reliability)]
public sealed class ClusterScriptTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Script = "scripts/cluster.sh";
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(3);

    // While a dead silo is not yet declared dead, reading a job it held may answer 503: the wait polls through that.
    private static readonly TimeSpan FinalTimeout = TimeSpan.FromMinutes(2);

    private readonly DirectoryInfo _state = Directory.CreateTempSubdirectory("orleans-nlp-cluster-");
    private readonly int _httpPort = FreePort.Next();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(60) };

    private Dictionary<string, string> Environment => new()
    {
        ["CLUSTER_DIR"] = _state.FullName,
        ["CLUSTER_NO_BUILD"] = "1",
        ["CLUSTER_CONFIGURATION"] = AppContext.BaseDirectory.Contains("/Release/") ? "Release" : "Debug",
    };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await ScriptRunner.RunAsync(Script, Environment, ScriptTimeout, "stop");
        _http.Dispose();
        _state.Delete(recursive: true);
    }

    [Fact]
    public async Task Start_Kill_AddSilo_Stop_KeepsServingJobs()
    {
        var (started, startOutput) = await ScriptRunner.RunAsync(Script, Environment, ScriptTimeout, "start", "--silos", "2", "--http-port", _httpPort.ToString());
        Assert.True(started == 0, startOutput);
        Assert.Contains($"Frontend: http://127.0.0.1:{_httpPort}", startOutput);
        await AssertPortsBelowTheEphemeralRangeAsync();

        Assert.Equal("completed", await SubmitAndWaitAsync("Two silos share the work of this job."));
        // Each process runs with its project directory as content root: the frontend serves the web page, and every
        // process applies its appsettings.json (Microsoft.AspNetCore and Polly at Warning: no log lines per request).
        Assert.Contains("<title>OrleansNlp", await _http.GetStringAsync($"http://127.0.0.1:{_httpPort}/"));
        Assert.DoesNotContain("Request starting", await ReadLogAsync("frontend"));
        Assert.DoesNotContain("info: Polly", await ReadLogAsync("silo-1"));
        // Each silo serves its own metrics on its health port; the embedding batches are recorded where jobs run.
        var siloMetrics = await Task.WhenAll(Enumerable.Range(1, 2).Select(async k =>
            await _http.GetStringAsync($"http://127.0.0.1:{(await File.ReadAllTextAsync(Path.Combine(_state.FullName, $"silo-{k}.http"))).Trim()}/metrics")));
        Assert.All(siloMetrics, metrics => Assert.Contains("orleans_catalog_activations", metrics));
        Assert.Contains(siloMetrics, metrics => metrics.Contains("embedding_batch_size_count"));
        Assert.Contains(siloMetrics, metrics => metrics.Contains("jobs_finished_total"));

        var (killed, killOutput) = await ScriptRunner.RunAsync(Script, Environment, ScriptTimeout, "kill-silo", "1");
        Assert.True(killed == 0, killOutput);
        Assert.Equal("completed", await SubmitAndWaitAsync("One silo is gone and this job still completes."));

        var (added, addOutput) = await ScriptRunner.RunAsync(Script, Environment, ScriptTimeout, "add-silo");
        Assert.True(added == 0, addOutput);
        await AssertPortsBelowTheEphemeralRangeAsync();
        var status = await Wait.UntilAsync(
            async () => (await ScriptRunner.RunAsync(Script, Environment, ScriptTimeout, "status")).Output,
            output => output.Contains(" dead") && CountActive(output) == 2,
            TimeSpan.FromMinutes(2),
            "the killed silo to be declared dead and two silos active");
        Assert.Contains("silo-1: stopped", status);
        Assert.Contains("silo-3: running", status);

        var (stopped, stopOutput) = await ScriptRunner.RunAsync(Script, Environment, ScriptTimeout, "stop");
        Assert.True(stopped == 0, stopOutput);
        var (_, afterStop) = await ScriptRunner.RunAsync(Script, Environment, ScriptTimeout, "status");
        Assert.DoesNotContain(": running", afterStop);
        Assert.Contains("stopped: no process of the cluster", afterStop);
    }

    [Fact]
    public async Task Stop_LeavesAloneAProcessThatOnlyHasTheNumberOfAPidFile()
    {
        // After a reboot a pid file's number may belong to another process; its start time tells them apart.
        using var other = Process.Start(new ProcessStartInfo("sleep", "120") { UseShellExecute = false })!;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(_state.FullName, "silo-1.pid"), other.Id.ToString());
            await File.WriteAllTextAsync(Path.Combine(_state.FullName, "silo-1.started"), "1");

            var (stopped, stopOutput) = await ScriptRunner.RunAsync(Script, Environment, ScriptTimeout, "stop");

            Assert.True(stopped == 0, stopOutput);
            Assert.False(other.HasExited, "stop killed a process it did not start");
            Assert.False(File.Exists(Path.Combine(_state.FullName, "silo-1.pid")));
        }
        finally
        {
            other.Kill();
        }
    }

    [Fact]
    public async Task Start_WhenRedisDoesNotAnswer_FailsNamingThePortAndTheLog_AndStartsNoSilo()
    {
        // A "redis-server" that runs but never listens: the script must not go on to start silos against it.
        var fakeRedis = Path.Combine(_state.FullName, "fake-redis-server");
        await File.WriteAllTextAsync(fakeRedis, "#!/bin/sh\necho 'fake redis: not listening'\nexec sleep 300\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(fakeRedis, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var environment = Environment;
        environment["REDIS_SERVER"] = fakeRedis;
        environment["REDIS_START_TIMEOUT"] = "2";

        var (started, output) = await ScriptRunner.RunAsync(Script, environment, ScriptTimeout, "start", "--http-port", _httpPort.ToString());

        Assert.NotEqual(0, started);
        var port = (await File.ReadAllTextAsync(Path.Combine(_state.FullName, "redis.port"))).Trim();
        Assert.Contains($"redis-server did not answer PING on 127.0.0.1:{port} within 2 s", output);
        Assert.Contains(Path.Combine(_state.FullName, "redis.log"), output);
        Assert.Contains("fake redis: not listening", output);
        Assert.DoesNotContain("silo 1", output);
        Assert.Empty(Directory.GetFiles(_state.FullName, "silo-*"));
        // The script stopped what it started.
        Assert.False(File.Exists(Path.Combine(_state.FullName, "redis.pid")));
    }

    [Fact]
    public async Task KillMinus9OfASiloMidStage_EveryJobItHeldCompletesOnTheOthers()
    {
        // The LLM stage calls a local OpenAI-compatible server that holds every request: jobs are mid-stage for sure.
        await using var llm = await FakeOpenAiServer.StartAsync();
        llm.Hold();
        var environment = Environment;
        environment["Llm__Provider"] = "openai";
        environment["Llm__Endpoint"] = llm.Endpoint;
        environment["Llm__Model"] = "fake-model";
        environment["Jobs__WatchdogPeriod"] = "00:00:05";
        var (started, startOutput) = await ScriptRunner.RunAsync(Script, environment, ScriptTimeout, "start", "--silos", "2", "--http-port", _httpPort.ToString());
        Assert.True(started == 0, startOutput);

        var locations = new List<Uri>();
        for (var i = 0; i < 8; i++)
        {
            locations.Add(await SubmitAsync($"Job {i} {Guid.NewGuid():N} waits for its language model when a silo dies."));
        }

        await Wait.UntilAsync(() => Task.FromResult(llm.RequestCount), count => count >= 8, TimeSpan.FromSeconds(60), "every job to reach the LLM stage");
        // Placement decides where the jobs live (all of them may share a silo): kill one whose LLM call is held.
        var silo = await SiloCallingAsync(new Uri(llm.Endpoint).Port, environment);
        var (killed, killOutput) = await ScriptRunner.RunAsync(Script, environment, ScriptTimeout, "kill-silo", silo);
        Assert.True(killed == 0, killOutput);
        llm.Release();

        var finals = new List<JsonElement>();
        foreach (var location in locations)
        {
            finals.Add(await _http.FinalJobAsync(location, FinalTimeout));
        }

        Assert.All(finals, job => Assert.Equal("completed", job.Status()));
        // The killed silo's jobs called the provider again from the survivor (their first run's moves, cheap to redo,
        // may not have been written, so attempts need not show it; the provider's count does).
        Assert.True(llm.RequestCount > locations.Count, $"{llm.RequestCount} LLM requests for {locations.Count} jobs");
    }

    [Fact]
    public async Task KillMinus9OfOneOfThreeSilos_ReadsAnswerWithin5s_ItIsDeclaredDeadWithin10s_AndItsJobsResumeWithin30s()
    {
        await using var llm = await FakeOpenAiServer.StartAsync();
        llm.Hold();
        var environment = Environment;
        environment["Llm__Provider"] = "openai";
        environment["Llm__Endpoint"] = llm.Endpoint;
        environment["Llm__Model"] = "fake-model";
        var (started, startOutput) = await ScriptRunner.RunAsync(Script, environment, ScriptTimeout, "start", "--silos", "3", "--http-port", _httpPort.ToString());
        Assert.True(started == 0, startOutput);

        var locations = new List<Uri>();
        for (var i = 0; i < 24; i++)
        {
            locations.Add(await SubmitAsync($"Job {i} {Guid.NewGuid():N} is reading its excerpts when a silo dies."));
        }

        await Wait.UntilAsync(() => Task.FromResult(llm.RequestCount), count => count >= locations.Count, TimeSpan.FromSeconds(60), "every job to reach the LLM stage");
        var silo = await SiloCallingAsync(new Uri(llm.Endpoint).Port, environment);
        var (killed, killOutput) = await ScriptRunner.RunAsync(Script, environment, ScriptTimeout, "kill-silo", silo);
        var killedAt = DateTime.UtcNow;
        Assert.True(killed == 0, killOutput);
        llm.Release();

        // Readers poll every job as a polling page would, timing each answer, while the cluster notices the death.
        using var readers = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var reads = new System.Collections.Concurrent.ConcurrentBag<(TimeSpan Took, HttpStatusCode Status, bool RetryAfter)>();
        var finals = new System.Collections.Concurrent.ConcurrentDictionary<Uri, JsonElement>();
        var polling = Enumerable.Range(0, 4).Select(reader => Task.Run(async () =>
        {
            while (finals.Count < locations.Count && !readers.IsCancellationRequested)
            {
                foreach (var location in locations.Where((_, i) => i % 4 == reader && !finals.ContainsKey(locations[i])))
                {
                    var clock = Stopwatch.StartNew();
                    using var answer = await _http.GetAsync(location, readers.Token);
                    reads.Add((clock.Elapsed, answer.StatusCode, answer.Headers.RetryAfter is not null));
                    if (answer.StatusCode == HttpStatusCode.OK && await answer.ReadJsonAsync() is var job && job.Status() is "completed" or "failed" or "cancelled")
                    {
                        finals[location] = job;
                    }
                }
            }
        })).ToArray();
        var declaredDead = await Wait.UntilAsync(
            async () => (await ScriptRunner.RunAsync(Script, environment, ScriptTimeout, "status")).Output,
            output => output.Contains(" dead"),
            TimeSpan.FromSeconds(60),
            "the killed silo to be declared dead");
        var deadAfter = DateTime.UtcNow - killedAt;
        await Task.WhenAll(polling);

        Assert.Equal(locations.Count, finals.Count);
        Assert.All(finals.Values, job => Assert.Equal("completed", job.Status()));
        var slowest = reads.Max(read => read.Took);
        var lastCompleted = finals.Values.Max(job => job.GetProperty("completedAt").GetDateTime().ToUniversalTime());
        output.WriteLine($"{reads.Count} reads ({reads.Count(read => read.Status != HttpStatusCode.OK)} 503), slowest {slowest.TotalSeconds:F2} s; " +
            $"declared dead after {deadAfter.TotalSeconds:F1} s; last job completed {(lastCompleted - killedAt).TotalSeconds:F1} s after the kill");
        Assert.True(slowest <= TimeSpan.FromSeconds(5), $"the slowest of {reads.Count} reads took {slowest}");
        Assert.All(reads, read => Assert.True(
            read.Status == HttpStatusCode.OK || (read.Status == HttpStatusCode.ServiceUnavailable && read.RetryAfter), $"a read answered {read.Status}"));
        Assert.True(deadAfter <= TimeSpan.FromSeconds(10), $"declared dead {deadAfter} after the kill: {declaredDead}");
        Assert.True(lastCompleted - killedAt <= TimeSpan.FromSeconds(30), $"the last job completed {lastCompleted - killedAt} after the kill");
    }

    /// <summary>The index of a silo with a connection open to the given local port, found with ss(8) and the pids
    /// that the script's status prints.</summary>
    private static async Task<string> SiloCallingAsync(int port, IReadOnlyDictionary<string, string> environment)
    {
        var ss = new ProcessStartInfo("ss", ["-H", "-t", "-n", "-p", "state", "established", "dport", "=", $":{port}"])
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(ss)!;
        var connections = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        var pids = Regex.Matches(connections, @"pid=(\d+)").Select(match => match.Groups[1].Value).ToHashSet();

        var (_, status) = await ScriptRunner.RunAsync(Script, environment, ScriptTimeout, "status");
        var silo = Regex.Matches(status, @"silo-(\d+): running \(pid (\d+)\)")
            .FirstOrDefault(match => pids.Contains(match.Groups[2].Value));
        Assert.True(silo is not null, $"no silo holds a connection to port {port}: {connections} / {status}");
        return silo.Groups[1].Value;
    }

    /// <summary>Every port the script handed out (all but the frontend's, which the test chose) lies below the
    /// kernel's ephemeral range, where no outgoing connection can hold it.</summary>
    private async Task AssertPortsBelowTheEphemeralRangeAsync()
    {
        var ephemeralLow = int.Parse((await File.ReadAllTextAsync("/proc/sys/net/ipv4/ip_local_port_range")).Split((char[])['\t', ' '], StringSplitOptions.RemoveEmptyEntries)[0]);
        var ports = (await File.ReadAllLinesAsync(Path.Combine(_state.FullName, "ports")))
            .Where(line => line.Length > 0).Select(int.Parse).Where(port => port != _httpPort).ToList();
        Assert.True(ports.Count >= 4, $"expected Redis's and each silo's ports, got {string.Join(", ", ports)}");
        Assert.All(ports, port => Assert.InRange(port, 1024, ephemeralLow - 1));
    }

    private async Task<string> ReadLogAsync(string process)
    {
        await using var log = new FileStream(Path.Combine(_state.FullName, process + ".log"), FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(log);
        return await reader.ReadToEndAsync();
    }

    private static int CountActive(string status) => status.Split('\n').Count(line => line.EndsWith(" active"));

    private async Task<string> SubmitAndWaitAsync(string text) =>
        (await _http.FinalJobAsync(await SubmitAsync(text), FinalTimeout)).Status();

    private async Task<Uri> SubmitAsync(string text)
    {
        // A well-behaved client: a 503 (a silo just died) is retried after the Retry-After it names.
        var response = await Wait.UntilAsync(
            async () =>
            {
                var answer = await _http.PostAsJsonAsync($"http://127.0.0.1:{_httpPort}/api/jobs", new { text });
                if (answer.StatusCode == HttpStatusCode.ServiceUnavailable)
                {
                    await Task.Delay(answer.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1));
                }

                return answer;
            },
            answer => answer.StatusCode != HttpStatusCode.ServiceUnavailable,
            TimeSpan.FromMinutes(1),
            "the submission to be accepted");
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return new Uri(new Uri($"http://127.0.0.1:{_httpPort}"), response.Headers.Location!);
    }
}
