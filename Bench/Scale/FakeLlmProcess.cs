using System.Diagnostics;
using System.Globalization;
using OrleansNlp.Bench.Pipeline;

namespace OrleansNlp.Bench.Scale;

/// <summary>This program's own <c>fake-llm</c> verb in a child process, so that its CPU time is measured apart from the
/// harness and the cluster. Disposing kills that one process.</summary>
public sealed class FakeLlmProcess : IDisposable
{
    private readonly Process _process;

    private FakeLlmProcess(Process process, string endpoint)
    {
        _process = process;
        Endpoint = endpoint;
    }

    public string Endpoint { get; }

    public ProcessCpu Cpu => new("fake-llm", _process.Id);

    public static async Task<FakeLlmProcess> StartAsync(int latencyMs, CancellationToken ct)
    {
        var port = FreePort.Next();
        var start = HarnessProcess.SelfStartInfo(
            ["fake-llm", "--port", port.ToString(CultureInfo.InvariantCulture), "--latency-ms", latencyMs.ToString(CultureInfo.InvariantCulture)]);
        start.RedirectStandardOutput = true;
        var process = Process.Start(start) ?? throw new InvalidOperationException("fake-llm did not start");
        var first = await process.StandardOutput.ReadLineAsync(ct);
        if (first is null || !first.StartsWith("fake LLM:", StringComparison.Ordinal))
        {
            process.Kill();
            throw new InvalidOperationException($"fake-llm did not start: {first}");
        }

        Console.Error.WriteLine("  " + first);
        _ = Task.Run(async () =>
        {
            while (await process.StandardOutput.ReadLineAsync() is { } line)
            {
                Console.Error.WriteLine("  fake-llm: " + line);
            }
        }, CancellationToken.None);
        return new FakeLlmProcess(process, $"http://127.0.0.1:{port}/v1");
    }

    public void Dispose()
    {
        try
        {
            _process.Kill();
            _process.WaitForExit();
        }
        catch (InvalidOperationException)
        {
            // It had already exited (Ctrl+C reaches the whole process group).
        }

        _process.Dispose();
    }
}
