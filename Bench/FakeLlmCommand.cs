using System.Globalization;

namespace OrleansNlp.Bench;

/// <summary>The "fake-llm" verb: runs <see cref="SlowChatCompletionsServer"/> on a fixed port until Ctrl+C or SIGTERM,
/// to stand in for a model provider beside a cluster (<c>Llm__Provider=openai Llm__Endpoint=http://127.0.0.1:PORT/v1
/// Llm__Model=fake</c>). Prints a line every 5 s while requests arrive.</summary>
public static class FakeLlmCommand
{
    public const string Usage = "fake-llm --port P [--latency-ms L (default 100)]";

    public static async Task<int> RunAsync(string[] args)
    {
        var parsed = new BenchArgs(args);
        var port = parsed.Int("port", 0);
        var latencyMs = parsed.Int("latency-ms", 100);
        parsed.RejectUnknown();
        using var cancel = ConsoleCancellation.Create();
        await using var server = await SlowChatCompletionsServer.StartAsync(TimeSpan.FromMilliseconds(latencyMs), port);
        Console.WriteLine($"fake LLM: {server.Endpoint}/chat/completions answers after {latencyMs} ms (pid {Environment.ProcessId}); " +
            $"run the cluster with Llm__Provider=openai Llm__Endpoint={server.Endpoint} Llm__Model=fake");
        long reported = 0;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(5));
        try
        {
            while (await timer.WaitForNextTickAsync(cancel.Token))
            {
                var requests = server.Requests;
                if (requests != reported)
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{DateTime.Now:HH:mm:ss} requests {requests} (+{requests - reported}), in flight {server.InFlight}, most at once {server.MaxInFlight}"));
                    reported = requests;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }

        Console.WriteLine($"fake LLM stopped after {server.Requests} requests");
        return 0;
    }
}
