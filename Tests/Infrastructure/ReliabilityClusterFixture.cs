using Orleans.TestingHost;

namespace OrleansNlp.Tests.Infrastructure;

/// <summary>A shared two-silo cluster on a real Redis with short retry delays, stage timeouts and retention,
/// and fault injection driven by markers in the job text.</summary>
public sealed class ReliabilityClusterFixture : IAsyncLifetime
{
    public static readonly TimeSpan Retention = TimeSpan.FromSeconds(8);

    public RedisServer Redis { get; private set; } = null!;

    public TestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    public async Task InitializeAsync()
    {
        Redis = await RedisServer.StartAsync();
        Cluster = TestClusters.OnRedis(Redis).With(TestSettings.QuickJobs(retention: Retention.ToString())).Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        await Redis.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class ReliabilityClusterCollection : ICollectionFixture<ReliabilityClusterFixture>
{
    public const string Name = "Reliability cluster";
}
