using Orleans.TestingHost;

namespace OrleansNlp.Tests.Infrastructure;

/// <summary>A shared two-silo cluster with in-memory storage and default job options (fault injection on markers only).</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public TestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    public async Task InitializeAsync()
    {
        var builder = TestClusters.InMemory();
        builder.Properties[TestSettings.FaultInjection] = "true";
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "In-memory cluster";
}
