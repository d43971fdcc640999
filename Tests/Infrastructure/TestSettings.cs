namespace OrleansNlp.Tests.Infrastructure;

/// <summary>Configuration keys that tests pass to their clusters.</summary>
public static class TestSettings
{
    public const string RedisConnectionString = "ConnectionStrings:Redis";
    public const string UseRedisClustering = "Test:UseRedisClustering";
    public const string FaultInjection = "Test:FaultInjection";
    public const string FastFailureDetection = "Test:FastFailureDetection";

    /// <summary>Short periods, retries and timeouts so reliability tests run in seconds.</summary>
    public static IEnumerable<KeyValuePair<string, string?>> QuickJobs(string retention = "01:00:00") =>
    [
        new("Jobs:WatchdogPeriod", "00:00:02"),
        new("Jobs:RetryBaseDelay", "00:00:00.050"),
        new("Jobs:RetryMaxDelay", "00:00:00.200"),
        new("Jobs:StageTimeout", "00:00:01"),
        new("Jobs:Retention", retention),
        new(FaultInjection, "true"),
        new(FastFailureDetection, "true"),
    ];
}
