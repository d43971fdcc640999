using Orleans.TestingHost;

namespace OrleansNlp.Tests.Infrastructure;

/// <summary>A shared two-silo cluster on a real redis-server: membership, job state, PubSubStore and reminders.</summary>
public class RedisClusterFixture : IAsyncLifetime
{
    public RedisServer Redis { get; private set; } = null!;

    public TestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    /// <summary>Extra settings of a derived fixture.</summary>
    protected virtual TestClusterBuilder Configure(TestClusterBuilder builder) => builder;

    public async Task InitializeAsync()
    {
        Redis = await RedisServer.StartAsync();
        Cluster = Configure(TestClusters.OnRedis(Redis)).Build();
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
public sealed class RedisClusterCollection : ICollectionFixture<RedisClusterFixture>
{
    public const string Name = "Redis cluster";
}
