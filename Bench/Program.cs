using OrleansNlp.Bench;

return args is ["embed", .. var rest]
    ? await EmbeddingBenchmark.RunAsync(rest)
    : Usage();

static int Usage()
{
    Console.Error.WriteLine("usage: dotnet run -c Release --project Bench -- embed [--seconds N] [--Embedding:Key=value ...]");
    return 2;
}
