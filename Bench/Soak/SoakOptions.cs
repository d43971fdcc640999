using OrleansNlp.Bench.Pipeline;

namespace OrleansNlp.Bench.Soak;

/// <summary>Settings of one <c>soak</c> run. Times are seconds since the load started.</summary>
public sealed record SoakOptions
{
    public required Uri Url { get; init; }

    public double Minutes { get; init; } = 10;

    /// <summary>Submissions (<c>POST /api/jobs</c>, bad ones included) per second, open loop.</summary>
    public double Rate { get; init; } = 400;

    public double BadFraction { get; init; } = 0.05;

    /// <summary>Fraction of submissions whose accepted job the harness cancels right after the 202.</summary>
    public double CancelFraction { get; init; } = 0.05;

    public required double WarmupSeconds { get; init; }

    /// <summary>How long after the load stops every accepted job has to be seen final.</summary>
    public double GraceSeconds { get; init; } = 60;

    /// <summary>The cluster's <c>Jobs:WatchdogPeriod</c> (the API does not tell it; retention is read from the jobs).</summary>
    public double WatchdogSeconds { get; init; } = 60;

    public double MemoryTolerancePercent { get; init; } = 10;

    /// <summary>Most submissions left unanswered before the schedule waits.</summary>
    public required int Concurrency { get; init; }

    /// <summary>A job's first read comes this long after its 202, and again this long after each unfinished read.</summary>
    public double ReadAfterSeconds { get; init; } = 2;

    public required double SampleSeconds { get; init; }

    public IReadOnlyList<ProcessCpu> Processes { get; init; } = [];

    /// <summary>Silos' /metrics, for the cross-check of jobs_finished_total.</summary>
    public IReadOnlyList<Uri> Metrics { get; init; } = [];

    /// <summary>host:port of the cluster's Redis; null to skip the Redis figures.</summary>
    public string? Redis { get; init; }

    public string ServiceId { get; init; } = "orleans-nlp";

    public string? ApiKey { get; init; }

    public double LoadSeconds => Minutes * 60;

    /// <summary>Length of the baseline and end windows of the memory check.</summary>
    public double WindowSeconds => Math.Min(60, (LoadSeconds - WarmupSeconds) / 3);

    public Window Baseline => new(WarmupSeconds, WarmupSeconds + WindowSeconds);

    public Window End => new(LoadSeconds - WindowSeconds, LoadSeconds);

    public const string Usage =
        "soak --url URL | --cluster-dir DIR  [--minutes M (10)] [--rate R (400)] [--bad-fraction F (0.05)] [--cancel-fraction F (0.05)]\n" +
        "     [--warmup-seconds S (20 % of the run, at most 120)] [--grace-seconds S (60)] [--watchdog-seconds S (60)]\n" +
        "     [--memory-tolerance PERCENT (10)] [--sample-seconds S] [--concurrency C] [--pids [name=]PID,...]\n" +
        "     [--metrics URL,...] [--redis-port P [--redis-host H]] [--service-id ID (orleans-nlp)] [--api-key K]";

    public static SoakOptions Parse(BenchArgs args)
    {
        var cluster = args.String("cluster-dir") is { } dir ? ClusterDirectory.Read(dir) : null;
        var url = args.String("url") is { } given ? new Uri(given.EndsWith('/') ? given : given + "/")
            : cluster?.FrontendUrl ?? throw new ArgumentException("--url (the frontend) or --cluster-dir is required.");
        var minutes = args.OptionalDouble("minutes") ?? 10;
        var rate = args.OptionalDouble("rate") ?? 400;
        var loadSeconds = minutes * 60;
        var warmup = args.OptionalDouble("warmup-seconds") ?? Math.Min(120, loadSeconds * 0.2);
        var window = Math.Min(60, (loadSeconds - warmup) / 3);
        var redisPort = args.OptionalInt("redis-port") ?? cluster?.RedisPort;
        var options = new SoakOptions
        {
            Url = url,
            Minutes = minutes,
            Rate = rate,
            BadFraction = args.OptionalDouble("bad-fraction") ?? 0.05,
            CancelFraction = args.OptionalDouble("cancel-fraction") ?? 0.05,
            WarmupSeconds = warmup,
            GraceSeconds = args.OptionalDouble("grace-seconds") ?? 60,
            WatchdogSeconds = args.OptionalDouble("watchdog-seconds") ?? 60,
            MemoryTolerancePercent = args.OptionalDouble("memory-tolerance") ?? 10,
            // Ten seconds of submissions may be unanswered before the schedule slips (a slip is reported).
            Concurrency = args.OptionalInt("concurrency") ?? (int)Math.Max(64, Math.Ceiling(rate * 10)),
            // At least five samples in each window, and no more than one a second.
            SampleSeconds = args.OptionalDouble("sample-seconds") ?? Math.Clamp(window / 5, 1, 5),
            Processes = (cluster?.Processes ?? []).Concat(args.List("pids").Select(ProcessCpu.Parse)).ToArray(),
            Metrics = args.List("metrics") is { Length: > 0 } urls ? urls.Select(u => new Uri(u)).ToArray() : cluster?.SiloMetricsUrls ?? [],
            Redis = redisPort is { } port ? $"{args.String("redis-host") ?? "127.0.0.1"}:{port}" : null,
            ServiceId = args.String("service-id") ?? "orleans-nlp",
            ApiKey = args.String("api-key"),
        };
        if (minutes <= 0 || rate <= 0 || options.Concurrency < 1 || options.SampleSeconds <= 0 || options.GraceSeconds < 0
            || options.BadFraction is < 0 or > 1 || options.CancelFraction is < 0 or > 1 || options.BadFraction + options.CancelFraction > 1)
        {
            throw new ArgumentException("--minutes, --rate, --concurrency and --sample-seconds must be positive; the fractions between 0 and 1 and together at most 1.");
        }

        if (warmup < 0 || window <= 0)
        {
            throw new ArgumentException("--warmup-seconds must leave time after it: the memory check compares a window after the warm-up with one at the end.");
        }

        return options;
    }
}
