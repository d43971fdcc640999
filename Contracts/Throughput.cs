namespace OrleansNlp.Contracts;

/// <summary>Completed jobs per second, averaged over the last minute and the last hour, and the counts behind a
/// sparkline: <see cref="LastMinuteSeries"/> has 12 buckets of 5 s, <see cref="LastHourSeries"/> 60 buckets of one
/// minute, oldest first (the last bucket is still filling). Summed from every active silo's own record, so the jobs a
/// silo completed before it stopped leave the figures with it.</summary>
public sealed record Throughput(double LastMinute, double LastHour, IReadOnlyList<long> LastMinuteSeries, IReadOnlyList<long> LastHourSeries);
