using System.Diagnostics;
using System.Net;
using OrleansNlp.Hosting;
using OrleansNlp.Tests.Infrastructure;

namespace OrleansNlp.Tests;

/// <summary>The built silo (Silo.dll) as a process: Orleans' Kubernetes hosting is on exactly when the pod variables
/// are set. Outside a cluster the hosting cannot reach the Kubernetes API, so a silo that turned it on fails at start
/// naming it, while one without the variables starts as it always did.</summary>
[Trait(TestCategory.Trait, TestCategory.EndToEnd)]
public sealed class SiloKubernetesHostingTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(2);

    private static string SiloDll => Path.Combine(ScriptRunner.RepositoryRoot, "Silo", "bin",
        AppContext.BaseDirectory.Contains("/Release/") ? "Release" : "Debug", "net10.0", "Silo.dll");

    [Fact]
    public async Task WithThePodVariables_TheSiloUsesKubernetesHosting()
    {
        using var silo = StartSilo(out var output, out _, ("POD_NAME", "silo-0"), ("POD_NAMESPACE", "orleans-nlp"));
        using var timeout = new CancellationTokenSource(StartTimeout);

        await silo.WaitForExitAsync(timeout.Token);

        Assert.NotEqual(0, silo.ExitCode);
        Assert.Contains("Orleans.Hosting.Kubernetes.KubernetesClusterAgent", Text(output));
    }

    [Fact]
    public async Task WithoutThem_TheSiloStarts_AndAnswersItsHealthRoutes()
    {
        using var silo = StartSilo(out var output, out var httpPort);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}"), Timeout = TimeSpan.FromSeconds(10) };
        try
        {
            var alive = await Wait.UntilAsync(
                async () => silo.HasExited ? HttpStatusCode.Gone : await StatusOrNothingAsync(http, HealthCheckExtensions.LivenessRoute),
                status => status is HttpStatusCode.OK or HttpStatusCode.Gone,
                StartTimeout,
                "the silo to answer /alive");
            Assert.True(alive == HttpStatusCode.OK, $"the silo exited: {Text(output)}");
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(HealthCheckExtensions.HealthRoute)).StatusCode);
            Assert.DoesNotContain("Kubernetes", Text(output));
        }
        finally
        {
            silo.Kill(entireProcessTree: true);
            await silo.WaitForExitAsync();
        }
    }

    private static string Text(System.Text.StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }

    private static async Task<HttpStatusCode?> StatusOrNothingAsync(HttpClient http, string path)
    {
        try
        {
            return (await http.GetAsync(path)).StatusCode;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    /// <summary>An embedded-clustering silo (no Redis) on free loopback ports, its output collected.</summary>
    private static Process StartSilo(out System.Text.StringBuilder output, out int httpPort, params (string Name, string Value)[] extra)
    {
        Assert.True(File.Exists(SiloDll), $"{SiloDll} is missing: build the solution (scripts/test.sh does)");
        httpPort = FreePort.Next();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(SiloDll)!,
        };
        start.ArgumentList.Add(SiloDll);
        start.Environment.Remove("ConnectionStrings__Redis");
        foreach (var name in new[] { "POD_NAME", "POD_NAMESPACE", "POD_IP", "KUBERNETES_SERVICE_HOST", "KUBERNETES_SERVICE_PORT" })
        {
            start.Environment.Remove(name);
        }

        start.Environment["Urls"] = $"http://127.0.0.1:{httpPort}";
        start.Environment["Orleans__SiloPort"] = FreePort.Next().ToString();
        start.Environment["Orleans__GatewayPort"] = FreePort.Next().ToString();
        foreach (var (name, value) in extra)
        {
            start.Environment[name] = value;
        }

        var collected = new System.Text.StringBuilder();
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, line) => { lock (collected) { collected.AppendLine(line.Data); } };
        process.ErrorDataReceived += (_, line) => { lock (collected) { collected.AppendLine(line.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        output = collected;
        return process;
    }
}
