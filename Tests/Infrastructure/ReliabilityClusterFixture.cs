using Orleans.TestingHost;

namespace OrleansNlp.Tests.Infrastructure;

/// <summary>A shared two-silo cluster on a real Redis with short retry delays, stage timeouts and retention,
/// and fault injection driven by markers in the job text.</summary>
public sealed class ReliabilityClusterFixture : RedisClusterFixture
{
    public static readonly TimeSpan Retention = TimeSpan.FromSeconds(8);

    protected override TestClusterBuilder Configure(TestClusterBuilder builder) =>
        builder.With(TestSettings.QuickJobs(retention: Retention.ToString()));
}

[CollectionDefinition(Name)]
public sealed class ReliabilityClusterCollection : ICollectionFixture<ReliabilityClusterFixture>
{
    public const string Name = "Reliability cluster";
}
