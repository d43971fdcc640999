using OrleansNlp.Bench.Pipeline;

namespace OrleansNlp.Bench.Batch;

/// <summary>Settings of one <c>batch</c> measurement.</summary>
public sealed record BatchBenchmarkOptions
{
    public required Uri Url { get; init; }

    /// <summary>Texts in the batch, and single jobs submitted one at a time.</summary>
    public int Texts { get; init; } = 1000;

    /// <summary>Rounds of (batch, singles); the order alternates from one round to the next.</summary>
    public int Rounds { get; init; } = 1;

    /// <summary>Texts of the untimed warm-up batch, and untimed single jobs before the first round.</summary>
    public int Warmup { get; init; } = 200;

    public string? ApiKey { get; init; }

    /// <summary>How long one phase (the batch, or all the single jobs) may take.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(10);

    public const string Usage =
        "batch --url URL | --cluster-dir DIR  [--texts 1000] [--rounds 1] [--warmup 200] [--api-key K] [--timeout-seconds 600]";

    public static BatchBenchmarkOptions Parse(BenchArgs args)
    {
        var cluster = args.String("cluster-dir") is { } dir ? ClusterDirectory.Read(dir) : null;
        var url = args.String("url") is { } given ? new Uri(given.EndsWith('/') ? given : given + "/")
            : cluster?.FrontendUrl ?? throw new ArgumentException("--url (the frontend) or --cluster-dir is required.");
        var options = new BatchBenchmarkOptions
        {
            Url = url,
            Texts = args.Int("texts", 1000),
            Rounds = args.Int("rounds", 1),
            Warmup = args.Int("warmup", 200),
            ApiKey = args.String("api-key"),
            Timeout = TimeSpan.FromSeconds(args.Int("timeout-seconds", 600)),
        };
        if (options.Texts < 1 || options.Rounds < 1 || options.Warmup < 0 || options.Timeout <= TimeSpan.Zero)
        {
            throw new ArgumentException("--texts, --rounds and --timeout-seconds must be positive, --warmup not negative.");
        }

        return options;
    }
}
