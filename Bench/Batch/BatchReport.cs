using OrleansNlp.Bench.Pipeline;

namespace OrleansNlp.Bench.Batch;

/// <summary>Everything one <c>batch</c> run measured; printed as the last line of output, as JSON.</summary>
public sealed record BatchReport(
    DateTime StartedAt,
    string Url,
    int Texts,
    int Rounds,
    int Warmup,
    int Cores,
    string LoadAverageBefore,
    string LoadAverageAfter,
    IReadOnlyList<PhaseResult> Batches,
    IReadOnlyList<PhaseResult> Singles,
    double BatchSecondsMedian,
    double SinglesSecondsMedian,
    double Speedup,
    bool TargetMet);

/// <summary>One timed phase: the batch (POST /api/batches, then its event stream until it ends) or the single jobs
/// (each POST /api/jobs followed by its event stream until it ends, one job at a time).</summary>
/// <param name="Seconds">From the first POST to the last final event, seen by the harness.</param>
/// <param name="ServerSeconds">The batch's createdAt → completedAt (batches only).</param>
/// <param name="SubmitMs">The POST round trip (batch), or its percentiles over the jobs (singles, in PerJobMs' place).</param>
/// <param name="PerJobMs">Singles: POST → final event of each job.</param>
public sealed record PhaseResult(
    string Mode,
    int Round,
    int Jobs,
    double Seconds,
    double JobsPerSecond,
    IReadOnlyDictionary<string, int> Statuses,
    double? ServerSeconds,
    Percentiles SubmitMs,
    Percentiles? PerJobMs);
