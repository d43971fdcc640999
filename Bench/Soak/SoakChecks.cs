using System.Globalization;

namespace OrleansNlp.Bench.Soak;

/// <summary>
/// The soak's judgements on what it recorded; pure functions of the figures, so that the rules can be tested alone.
/// Times are seconds since the load started.
/// </summary>
public static class SoakChecks
{
    /// <summary>Redis may grow by at least this much over its plateau: allocator and client-buffer noise on a small
    /// data set.</summary>
    public const double RedisAllowanceMb = 1;

    /// <summary>Redis may gain at least this many keys over its plateau (a few jobs' worth of noise).</summary>
    public const long RedisAllowanceKeys = 100;

    /// <summary>Seconds allowed beyond retention + watchdog period for a job's latency and a sweep's duration.</summary>
    public const double ExpirySlackSeconds = 10;

    /// <summary>A series' figures: the median over the baseline window (right after the warm-up) and over the end window
    /// (the last stretch of the load), min, max, and the medians of equal slices of the load for a picture of the trend.
    /// Null medians when a window holds no sample.</summary>
    public static SeriesSummary Summarize(IEnumerable<(double At, double? Value)> series, Window baseline, Window end, double loadSeconds, int slices)
    {
        var points = series.Where(point => point.Value is not null).Select(point => (point.At, Value: point.Value!.Value)).ToArray();
        double? MedianIn(double from, double to) => Median(points.Where(point => point.At >= from && point.At <= to).Select(point => point.Value));
        var baselineMb = MedianIn(baseline.From, baseline.To);
        var endMb = MedianIn(end.From, end.To);
        var slice = loadSeconds / slices;
        return new SeriesSummary(
            Round(baselineMb),
            Round(endMb),
            Round(points.Length == 0 ? null : points.Min(point => point.Value)),
            Round(points.Length == 0 ? null : points.Max(point => point.Value)),
            baselineMb is > 0 && endMb is { } last ? Math.Round((last / baselineMb.Value - 1) * 100, 1) : null,
            Enumerable.Range(0, slices).Select(k => Round(MedianIn(k * slice, (k + 1) * slice))).ToArray());
    }

    /// <summary>A process's memory is flat when its end median is at most <paramref name="tolerancePercent"/> above its
    /// baseline median. A drop passes: memory given back is not a leak.</summary>
    public static Check MemoryFlat(string name, SeriesSummary rss, double tolerancePercent) =>
        rss.BaselineMb is null || rss.EndMb is null
            ? new Check($"memory flat: {name}", null, "no RSS samples in the baseline or end window (the process is gone, or the run is too short)")
            : new Check($"memory flat: {name}", rss.GrowthPercent <= tolerancePercent, Invariant(
                $"RSS {rss.BaselineMb} MB after warm-up, {rss.EndMb} MB at the end ({rss.GrowthPercent:+0.0;-0.0} %; at most +{tolerancePercent} %)"));

    /// <summary>
    /// Redis memory bounded by retention. A job is deleted at the first watchdog tick after retention has passed since
    /// it ended, so under a steady rate, from about retention + one watchdog period after the first jobs ended, Redis
    /// holds between rate × retention and rate × (retention + period) jobs and its memory saws between two levels. Judged
    /// when the load lasts one more span (a watchdog period, at least three samples) past that point plus the end span:
    /// the peak of <c>used_memory</c> in the last span of the load may exceed the peak of the first span after expiry
    /// began by at most the tolerance (or <see cref="RedisAllowanceMb"/>), so may its key count (or
    /// <see cref="RedisAllowanceKeys"/>; a key left behind by every job shows here long before it shows in memory), and
    /// the jobs the index lists never exceed accepted jobs/s × (retention + period + <see cref="ExpirySlackSeconds"/>).
    /// Keys that live longer than the jobs (result cache entries under a longer <c>Cache:Ttl</c>) fail it as well.
    /// </summary>
    public static RedisVerdict RedisBounded(
        IReadOnlyList<(double At, RedisFigures Figures)> samples, double? retentionSeconds, double watchdogSeconds,
        double samplePeriodSeconds, double loadSeconds, double acceptedPerSecond, double tolerancePercent)
    {
        const string Name = "Redis bounded by retention";
        if (samples.Count == 0)
        {
            return new RedisVerdict(new Check(Name, null, "Redis was not sampled (no --redis-port or --cluster-dir)"), null, null, null, null, null, null, null, null);
        }

        var maxJobs = samples.Max(sample => sample.Figures.Jobs);
        if (retentionSeconds is not { } retention)
        {
            return new RedisVerdict(new Check(Name, null, "no final job told the retention (expiresAt)"), null, null, null, null, null, null, maxJobs, null);
        }

        var expiryFrom = retention + watchdogSeconds + 5;
        var span = Math.Max(watchdogSeconds, 3 * samplePeriodSeconds);
        var bound = (long)Math.Ceiling(acceptedPerSecond * (retention + watchdogSeconds + ExpirySlackSeconds));
        if (expiryFrom + 2 * span > loadSeconds)
        {
            return new RedisVerdict(new Check(Name, null, Invariant(
                    $"the load ({loadSeconds:0} s) must outlast retention {retention:0} s + watchdog period {watchdogSeconds:0} s + 5 s + 2 × {span:0} s; run with a short Jobs__Retention and Jobs__WatchdogPeriod")),
                expiryFrom, null, null, null, null, null, maxJobs, bound);
        }

        double PeakIn(double from, double to, Func<RedisFigures, double> figure) =>
            samples.Where(sample => sample.At >= from && sample.At <= to).Select(sample => figure(sample.Figures)).DefaultIfEmpty(0).Max();
        var plateau = PeakIn(expiryFrom, expiryFrom + span, figures => figures.UsedMemoryMb);
        var endPeak = PeakIn(loadSeconds - span, loadSeconds, figures => figures.UsedMemoryMb);
        var allowance = Math.Max(plateau * tolerancePercent / 100, RedisAllowanceMb);
        var plateauKeys = (long)PeakIn(expiryFrom, expiryFrom + span, figures => figures.Keys);
        var endKeys = (long)PeakIn(loadSeconds - span, loadSeconds, figures => figures.Keys);
        var keyAllowance = Math.Max((long)(plateauKeys * tolerancePercent / 100), RedisAllowanceKeys);
        // Judged once expiry runs, like the rest: until then Redis also holds jobs from before the load (a warm-up's),
        // which the first ticks delete.
        var storedOnceExpiring = (long)PeakIn(expiryFrom, loadSeconds, figures => figures.Jobs);
        var passed = endPeak <= plateau + allowance && endKeys <= plateauKeys + keyAllowance && storedOnceExpiring <= bound;
        return new RedisVerdict(
            new Check(Name, passed, Invariant(
                $"once expiry ran (from {expiryFrom:0} s) and in the last {span:0} s: used_memory peak {plateau:0.0} → {endPeak:0.0} MB (at most +{allowance:0.0}), keys {plateauKeys} → {endKeys} (at most +{keyAllowance}); jobs stored at most {storedOnceExpiring} (bound {bound} = {acceptedPerSecond:0.0}/s × ({retention:0} + {watchdogSeconds:0} + {ExpirySlackSeconds:0}) s)")),
            expiryFrom, span, Math.Round(plateau, 2), Math.Round(endPeak, 2), plateauKeys, endKeys, storedOnceExpiring, bound);
    }

    public static double? Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? null
            : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2]
            : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static double? Round(double? value) => value is { } v ? Math.Round(v, 1) : null;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

/// <summary>A stretch of the soak, in seconds since the load started.</summary>
public sealed record Window(double From, double To);

/// <summary>One check: passed, failed, or not judged (null) with why.</summary>
public sealed record Check(string Name, bool? Passed, string Detail);

/// <summary>A memory series: medians of the baseline and end windows, extremes, growth, and medians of equal slices.</summary>
public sealed record SeriesSummary(double? BaselineMb, double? EndMb, double? MinMb, double? MaxMb, double? GrowthPercent, double?[] Slices);

/// <summary>The Redis check and the figures it used.</summary>
public sealed record RedisVerdict(
    Check Check, double? ExpiryFromSeconds, double? SpanSeconds, double? PlateauPeakMb, double? EndPeakMb, long? PlateauKeys, long? EndKeys,
    long? MaxJobsStored, long? JobsBound);
