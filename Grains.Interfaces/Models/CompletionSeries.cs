namespace OrleansNlp.Models;

/// <summary>Jobs completed in the last minute and the last hour: the totals, <see cref="LastMinute"/> in 12 buckets of
/// 5 seconds and <see cref="LastHour"/> in 60 buckets of one minute, oldest first (the last bucket is the current,
/// partial one).</summary>
[GenerateSerializer, Immutable, Alias("OrleansNlp.CompletionSeries")]
public sealed record CompletionSeries(
    [property: Id(0)] long CompletedLastMinute,
    [property: Id(1)] long CompletedLastHour,
    [property: Id(2)] long[] LastMinute,
    [property: Id(3)] long[] LastHour)
{
    public const int MinuteBuckets = 12;
    public const int MinuteBucketSeconds = 5;
    public const int HourBuckets = 60;
    public const int HourBucketSeconds = 60;

    public static CompletionSeries Empty => new(0, 0, new long[MinuteBuckets], new long[HourBuckets]);

    public CompletionSeries Plus(CompletionSeries other) => new(
        CompletedLastMinute + other.CompletedLastMinute,
        CompletedLastHour + other.CompletedLastHour,
        LastMinute.Zip(other.LastMinute, (a, b) => a + b).ToArray(),
        LastHour.Zip(other.LastHour, (a, b) => a + b).ToArray());
}
