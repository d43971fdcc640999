namespace OrleansNlp.Bench.Pipeline;

/// <summary>Settings of one <c>pipeline</c> measurement.</summary>
public sealed record PipelineOptions
{
    public required Uri Url { get; init; }

    public int Jobs { get; init; } = 2000;

    /// <summary>Closed loop: submissions in flight. Open loop: most submissions left unanswered before the schedule waits.</summary>
    public int Concurrency { get; init; } = 64;

    /// <summary>Open loop at this many jobs per second; null for the closed loop.</summary>
    public double? Rate { get; init; }

    /// <summary>Jobs per warm-up round.</summary>
    public int Warmup { get; init; }

    /// <summary>Most warm-up rounds: rounds run until one compiles fewer than <see cref="JitSettled"/> methods.</summary>
    public int WarmupRounds { get; init; } = 10;

    public int JitSettled { get; init; } = 100;

    /// <summary>Silos' /metrics: completion is counted there. Empty (or <c>--poll</c>): jobs are polled oldest first instead.</summary>
    public IReadOnlyList<Uri> Metrics { get; init; } = [];

    public IReadOnlyList<ProcessCpu> Processes { get; init; } = [];

    public string? ApiKey { get; init; }

    /// <summary>host:port of the cluster's Redis, for commands per job; null to skip.</summary>
    public string? Redis { get; init; }

    public double ScrapesPerSecond { get; init; } = MetricsCompletionWatcher.MaxScrapesPerSecond;

    public double PollsPerSecond { get; init; } = 200;

    /// <summary>Seconds to measure the processes' CPU with no load (after the warm-up), to tell the idle cost apart.</summary>
    public int IdleSeconds { get; init; }

    /// <summary>How long to wait for the last jobs once submitting has ended.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(5);

    public const string Usage =
        "pipeline --url URL | --cluster-dir DIR  [--jobs N] [--concurrency C] [--rate R] [--warmup N [--warmup-rounds R] [--jit-settled M]] [--metrics URL,URL...]\n" +
        "         [--pids [name=]PID,...] [--api-key K] [--redis-port P [--redis-host H]] [--scrapes-per-second S (<= 4)]\n" +
        "         [--poll] [--polls-per-second P] [--idle-seconds S] [--timeout-seconds T]";

    /// <summary>Reads the options; <c>--cluster-dir</c> (a scripts/cluster.sh state directory) supplies the URL, the
    /// silos' /metrics, the process ids and Redis' port. An explicit <c>--url</c>, <c>--metrics</c> or
    /// <c>--redis-port</c> overrides what it supplies; <c>--pids</c> adds processes (e.g. a fake LLM).</summary>
    public static PipelineOptions Parse(BenchArgs args)
    {
        var cluster = args.String("cluster-dir") is { } dir ? ClusterDirectory.Read(dir) : null;
        var url = args.String("url") is { } given ? new Uri(given.EndsWith('/') ? given : given + "/")
            : cluster?.FrontendUrl ?? throw new ArgumentException("--url (the frontend) or --cluster-dir is required.");
        var metrics = args.Flag("poll") ? []
            : args.List("metrics") is { Length: > 0 } urls ? urls.Select(u => new Uri(u)).ToArray()
            : cluster?.SiloMetricsUrls ?? [];
        var pids = (cluster?.Processes ?? []).Concat(args.List("pids").Select(ProcessCpu.Parse)).ToArray();
        var redisPort = args.OptionalInt("redis-port") ?? cluster?.RedisPort;
        var redisHost = args.String("redis-host") ?? "127.0.0.1";
        var options = new PipelineOptions
        {
            Url = url,
            Jobs = args.Int("jobs", 2000),
            Concurrency = args.Int("concurrency", 64),
            Rate = args.OptionalDouble("rate"),
            Warmup = args.Int("warmup", 0),
            WarmupRounds = args.Int("warmup-rounds", 10),
            JitSettled = args.Int("jit-settled", 100),
            Metrics = metrics,
            Processes = pids,
            ApiKey = args.String("api-key"),
            Redis = redisPort is { } port ? $"{redisHost}:{port}" : null,
            ScrapesPerSecond = args.OptionalDouble("scrapes-per-second") ?? MetricsCompletionWatcher.MaxScrapesPerSecond,
            PollsPerSecond = args.OptionalDouble("polls-per-second") ?? 200,
            IdleSeconds = args.Int("idle-seconds", 0),
            Timeout = TimeSpan.FromSeconds(args.Int("timeout-seconds", 300)),
        };
        if (options.Jobs < 1 || options.Concurrency < 1 || options.Rate is <= 0 || options.Warmup < 0 || options.WarmupRounds < 1 || options.PollsPerSecond <= 0)
        {
            throw new ArgumentException("--jobs and --concurrency must be positive, --rate and --polls-per-second above 0, --warmup not negative, --warmup-rounds at least 1.");
        }

        if (options.ScrapesPerSecond is <= 0 or > MetricsCompletionWatcher.MaxScrapesPerSecond)
        {
            throw new ArgumentException($"--scrapes-per-second is above 0 and at most {MetricsCompletionWatcher.MaxScrapesPerSecond}.");
        }

        return options;
    }
}
