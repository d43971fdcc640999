using Orleans.TestingHost;

namespace OrleansNlp.Tests.Infrastructure;

/// <summary>Builds test clusters configured like production.</summary>
public static class TestClusters
{
    /// <summary>A cluster with in-memory storage and test membership.</summary>
    public static TestClusterBuilder InMemory(short silos = 2) => Builder(silos);

    /// <summary>A cluster whose membership, job state, PubSubStore and reminders all live in the given Redis.</summary>
    public static TestClusterBuilder OnRedis(RedisServer redis, short silos = 2, string? serviceId = null)
    {
        var builder = Builder(silos);
        builder.Options.UseTestClusterMembership = false;
        if (serviceId is not null)
        {
            builder.Options.ServiceId = serviceId;
        }

        builder.Properties[TestSettings.RedisConnectionString] = redis.ConnectionString;
        builder.Properties[TestSettings.UseRedisClustering] = "true";
        return builder;
    }

    /// <summary>Adds configuration entries to every silo and the client.</summary>
    public static TestClusterBuilder With(this TestClusterBuilder builder, IEnumerable<KeyValuePair<string, string?>> settings)
    {
        foreach (var (key, value) in settings)
        {
            builder.Properties[key] = value;
        }

        return builder;
    }

    private static TestClusterBuilder Builder(short silos)
    {
        var builder = new TestClusterBuilder(silos);
        builder.AddSiloBuilderConfigurator<TestSiloConfigurator>();
        builder.AddClientBuilderConfigurator<TestClientConfigurator>();
        return builder;
    }
}
