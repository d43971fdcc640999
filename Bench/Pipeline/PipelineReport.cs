namespace OrleansNlp.Bench.Pipeline;

/// <summary>Every figure of one <c>pipeline</c> run; printed as a table and as one JSON line.</summary>
public sealed record PipelineReport
{
    public required DateTime StartedAt { get; init; }
    public required string Url { get; init; }
    public required string Loop { get; init; }
    public required int Jobs { get; init; }
    public required int Concurrency { get; init; }
    public double? Rate { get; init; }
    public required int Warmup { get; init; }
    /// <summary>Rounds of <see cref="Warmup"/> jobs run before measuring (until the JIT settled).</summary>
    public required int WarmupRounds { get; init; }
    /// <summary>Methods the processes' JIT compiled during the last warm-up round and during the measured run; null
    /// when no process exposes the count.</summary>
    public long? WarmupLastRoundJitMethods { get; init; }
    public long? JitMethodsDuringRun { get; init; }
    public required string Completion { get; init; }
    public required int Cores { get; init; }
    public required string LoadAverageBefore { get; init; }
    public required string LoadAverageAfter { get; init; }

    public required int Accepted { get; init; }
    /// <summary>Answers that did not accept a job, by HTTP status or transport error.</summary>
    public required IReadOnlyDictionary<string, int> Errors { get; init; }
    public required double SubmitSeconds { get; init; }
    public required double SubmittedPerSecond { get; init; }
    public required Percentiles SubmitMs { get; init; }
    /// <summary>Open loop: how late the schedule's worst submission started (the concurrency window was full).</summary>
    public double? OpenLoopMaxLateMs { get; init; }

    public required bool AllFinished { get; init; }
    public required int Finished { get; init; }
    public required IReadOnlyDictionary<string, int> FinalStatuses { get; init; }
    public required int Cached { get; init; }
    /// <summary>First job created to last job completed, from the server's timestamps.</summary>
    public required double WindowSeconds { get; init; }
    public required double CompletedPerSecond { get; init; }
    /// <summary>createdAt → completedAt of completed jobs (server timestamps).</summary>
    public required Percentiles LatencyMs { get; init; }
    /// <summary>createdAt → startedAt (waiting for the pipeline to pick the job up).</summary>
    public required Percentiles QueueMs { get; init; }
    public required Percentiles EmbeddingMs { get; init; }
    public required Percentiles LlmMs { get; init; }

    /// <summary>From the first POST until completion was seen (CPU and Redis are measured over this).</summary>
    public required double MeasuredSeconds { get; init; }
    public required IReadOnlyDictionary<string, double?> CpuMsPerJob { get; init; }
    public double? CpuMsPerJobTotal { get; init; }
    /// <summary>CPU ms per second of each process with no load, when measured (<c>--idle-seconds</c>).</summary>
    public required IReadOnlyDictionary<string, double?> IdleCpuMsPerSecond { get; init; }
    /// <summary>Context switches per job of each process's threads over the window (threads alive at its end).</summary>
    public IReadOnlyDictionary<string, SwitchesReport?> SwitchesPerJob { get; init; } = new Dictionary<string, SwitchesReport?>();
    public required double HarnessCpuMsPerJob { get; init; }
    public required long HarnessRequests { get; init; }
    public RedisReport? Redis { get; init; }
}

/// <summary>Voluntary (went to sleep) and involuntary (preempted) context switches per job.</summary>
public sealed record SwitchesReport(double Voluntary, double Involuntary);

/// <summary>Nearest-rank percentiles in milliseconds; all zero when there were no samples.</summary>
public sealed record Percentiles(int Count, double P50, double P95, double P99, double Max)
{
    public static Percentiles Of(IEnumerable<double> samples)
    {
        var sorted = samples.Order().ToArray();
        double At(double q) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
        return new Percentiles(sorted.Length, Round(At(0.5)), Round(At(0.95)), Round(At(0.99)), Round(sorted.Length == 0 ? 0 : sorted[^1]));
    }

    private static double Round(double ms) => Math.Round(ms, 2);
}

/// <summary>Redis commands per finished job over the measured window, by command, busiest first.</summary>
public sealed record RedisReport(double TotalPerJob, double MicrosecondsPerJob, IReadOnlyDictionary<string, double> CommandsPerJob, long TotalCalls);
