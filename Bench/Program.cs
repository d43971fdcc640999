using OrleansNlp.Bench;

return args switch
{
    ["embed", .. var rest] => await EmbeddingBenchmark.RunAsync(rest),
    ["llm", .. var rest] => await LlmBenchmark.RunAsync(rest),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: dotnet run -c Release --project Bench -- embed [--seconds N] [--Embedding:Key=value ...]");
    Console.Error.WriteLine("       dotnet run -c Release --project Bench -- llm [--concurrency 500,1000] [--latency-ms 200] [--rounds 20] [--limit 1000] [--jobs 1000]");
    return 2;
}
