namespace OrleansNlp.Tests.Infrastructure;

/// <summary>Configuration keys that tests pass to their clusters.</summary>
public static class TestSettings
{
    public const string RedisConnectionString = "ConnectionStrings:Redis";
    public const string UseRedisClustering = "Test:UseRedisClustering";
    public const string EmbeddingDelayMs = "Test:EmbeddingDelayMs";
    public const string WatchdogPeriod = "Jobs:WatchdogPeriod";
}
