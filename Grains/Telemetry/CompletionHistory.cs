using OrleansNlp.Models;

namespace OrleansNlp.Telemetry;

/// <summary>The jobs this silo completed in the last hour, counted per second in a ring of 3,600 slots: recording is
/// one increment, and a snapshot reads at most 3,600 numbers however many jobs there were.</summary>
public sealed class CompletionHistory
{
    private const int Seconds = CompletionSeries.HourBuckets * CompletionSeries.HourBucketSeconds;

    private readonly Lock _lock = new();
    private readonly long[] _counts = new long[Seconds];

    /// <summary>The Unix second each slot counts; a slot holding an older second is stale and reads as zero.</summary>
    private readonly long[] _seconds = new long[Seconds];

    public void Record(DateTime completedAt)
    {
        var second = UnixSecond(completedAt);
        var slot = Slot(second);
        lock (_lock)
        {
            if (_seconds[slot] != second)
            {
                _seconds[slot] = second;
                _counts[slot] = 0;
            }

            _counts[slot]++;
        }
    }

    /// <summary>The completions up to <paramref name="now"/>, bucketed by age (the last bucket holds the newest).</summary>
    public CompletionSeries Snapshot(DateTime now)
    {
        var current = UnixSecond(now);
        var series = CompletionSeries.Empty;
        long lastMinute = 0, lastHour = 0;
        lock (_lock)
        {
            for (var age = 0; age < Seconds; age++)
            {
                var second = current - age;
                var slot = Slot(second);
                if (_seconds[slot] != second)
                {
                    continue;
                }

                var count = _counts[slot];
                lastHour += count;
                series.LastHour[CompletionSeries.HourBuckets - 1 - age / CompletionSeries.HourBucketSeconds] += count;
                if (age < CompletionSeries.MinuteBuckets * CompletionSeries.MinuteBucketSeconds)
                {
                    lastMinute += count;
                    series.LastMinute[CompletionSeries.MinuteBuckets - 1 - age / CompletionSeries.MinuteBucketSeconds] += count;
                }
            }
        }

        return series with { CompletedLastMinute = lastMinute, CompletedLastHour = lastHour };
    }

    private static long UnixSecond(DateTime at) => (at.ToUniversalTime().Ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerSecond;

    private static int Slot(long second) => (int)(((second % Seconds) + Seconds) % Seconds);
}
