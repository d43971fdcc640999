using OrleansNlp.Bench.Pipeline;

namespace OrleansNlp.Bench.Soak;

/// <summary>Every figure of one <c>soak</c> run; printed as a block and as one JSON line. Times are seconds since the
/// load started.</summary>
public sealed record SoakReport
{
    public required DateTime StartedAt { get; init; }
    public required string Url { get; init; }
    public required double Minutes { get; init; }
    public required double Rate { get; init; }
    public required double BadFraction { get; init; }
    public required double CancelFraction { get; init; }
    public required double WarmupSeconds { get; init; }
    public required int Cores { get; init; }
    public required string LoadAverageBefore { get; init; }
    public required string LoadAverageAfter { get; init; }

    /// <summary>True when no check failed (checks not judged do not fail a run).</summary>
    public required bool Passed { get; init; }
    public required IReadOnlyList<Check> Checks { get; init; }

    public required TrafficResult Load { get; init; }
    /// <summary>Every answer that broke the API's promise, by kind; a passing run has none.</summary>
    public required IReadOnlyDictionary<string, int> Errors { get; init; }
    /// <summary>5xx answers and transport failures among <see cref="Errors"/>, plus bad requests not answered 4xx.</summary>
    public required long ServerErrors { get; init; }
    public required JobFigures Jobs { get; init; }

    public required double SampleSeconds { get; init; }
    public required Window BaselineWindow { get; init; }
    public required Window EndWindow { get; init; }
    /// <summary>RSS of each watched process; <c>slices</c> are medians of ten equal slices of the load.</summary>
    public required IReadOnlyDictionary<string, SeriesSummary> RssMb { get; init; }
    public required RedisFiguresReport? Redis { get; init; }

    public required IReadOnlyDictionary<string, double?> CpuMsPerJob { get; init; }
    public required double HarnessCpuMsPerJob { get; init; }
    /// <summary>The harness's CPU over the load divided by the watched processes' CPU.</summary>
    public double? HarnessShareOfCluster { get; init; }
}

/// <summary>What became of the accepted jobs: final statuses read, jobs lost (404 or not final within the grace
/// period, with a few ids and the status last read), jobs that answered 404 only after the retention had passed since
/// their acceptance (read too late to be seen), cancellations, GETs made, and the silos' jobs_finished_total moved by the run.</summary>
public sealed record JobFigures(
    long Accepted, IReadOnlyDictionary<string, int> Final, long Lost, IReadOnlyList<string> LostSample,
    IReadOnlyDictionary<string, int> LostLastSeen, long ExpiredUnseen, int CancelRequested, int CancelConfirmed, long CancelledByNoOne,
    long CancelNotKept, long Reads, double? RetentionSeconds, double? FinishedCounterDelta, double? SecondsToAllFinal);

/// <summary>Redis over the run: used_memory and index jobs summarised like RSS, keys at the end, and the verdict's
/// figures.</summary>
public sealed record RedisFiguresReport(
    SeriesSummary UsedMemoryMb, double?[] JobsStoredSlices, long? KeysAtEnd, long? JobsAtEnd, double? WatchdogSeconds, RedisVerdict Verdict);
