using OrleansNlp.Bench;
using OrleansNlp.Bench.Batch;
using OrleansNlp.Bench.Pipeline;
using OrleansNlp.Bench.Scale;
using OrleansNlp.Bench.Soak;

try
{
    if (args is ["pipeline" or "scale" or "soak" or "fake-llm" or "batch", ..] && await HarnessProcess.RelaunchAsync(args) is { } exitCode)
    {
        return exitCode;
    }

    return args switch
    {
        ["embed", .. var rest] => await EmbeddingBenchmark.RunAsync(rest),
        ["llm", .. var rest] => await LlmBenchmark.RunAsync(rest),
        ["summary", .. var rest] => await SummaryBenchmark.RunAsync(rest),
        ["analysis", .. var rest] => await AnalysisBenchmark.RunAsync(rest),
        ["pipeline", .. var rest] => await PipelineBenchmark.RunAsync(rest),
        ["fake-llm", .. var rest] => await FakeLlmCommand.RunAsync(rest),
        ["scale", .. var rest] => await ScaleBenchmark.RunAsync(rest),
        ["sentiment", .. var rest] => SentimentBenchmark.Run(rest),
        ["batch", .. var rest] => await BatchBenchmark.RunAsync(rest),
        ["soak", .. var rest] => await SoakBenchmark.RunAsync(rest),
        _ => Usage(),
    };
}
catch (ArgumentException exception)
{
    Console.Error.WriteLine(exception.Message);
    return Usage();
}
catch (OperationCanceledException)
{
    // Ctrl+C or SIGTERM: what the verb started has been stopped on the way out.
    Console.Error.WriteLine("cancelled");
    return 130;
}

static int Usage()
{
    Console.Error.WriteLine("usage: dotnet run -c Release --project Bench -- embed [--rounds 5] [--seconds 3] [--telemetry] [--Embedding:Key=value ...]");
    Console.Error.WriteLine("       dotnet run -c Release --project Bench -- llm [--concurrency 500,1000] [--latency-ms 200] [--rounds 20] [--limit 1000] [--jobs 1000]");
    Console.Error.WriteLine("       dotnet run -c Release --project Bench -- " + SummaryBenchmark.Usage);
    Console.Error.WriteLine("       dotnet run -c Release --project Bench -- " + AnalysisBenchmark.Usage);
    Console.Error.WriteLine("       dotnet run -c Release --project Bench -- " + PipelineOptions.Usage);
    Console.Error.WriteLine("       dotnet run -c Release --project Bench -- " + FakeLlmCommand.Usage);
    Console.Error.WriteLine("       dotnet run -c Release --project Bench -- " + ScaleBenchmark.Usage);
    Console.Error.WriteLine("       dotnet run -c Release --project Bench -- " + SentimentBenchmark.Usage);
    Console.Error.WriteLine("       dotnet run -c Release --project Bench -- " + BatchBenchmarkOptions.Usage);
    Console.Error.WriteLine("       dotnet run -c Release --project Bench -- " + SoakOptions.Usage);
    return 2;
}
