namespace OrleansNlp.Tests.Infrastructure;

/// <summary>The "Category" trait every test class carries, one per folder, so that a run can pick what its machine
/// supports: <c>dotnet test --filter Category=Unit</c> needs no Redis, cluster, network or browser.</summary>
public static class TestCategory
{
    public const string Trait = "Category";

    /// <summary>In-process code only: no cluster, no Redis, no sockets, no browser.</summary>
    public const string Unit = "Unit";

    /// <summary>Grains in a TestCluster (in memory, or on a redis-server).</summary>
    public const string Cluster = "Cluster";

    /// <summary>REST through WebApplicationFactory (embedded silo; stand-in servers on loopback).</summary>
    public const string Api = "Api";

    /// <summary>Live updates: SignalR, server-sent events, webhooks, several frontends.</summary>
    public const string Live = "Live";

    /// <summary>Crashes, restarts, outages, scale-out, stage failures and the cluster script.</summary>
    public const string Reliability = "Reliability";

    /// <summary>The CLI, the typed client and a real browser against the whole stack.</summary>
    public const string EndToEnd = "EndToEnd";
}
