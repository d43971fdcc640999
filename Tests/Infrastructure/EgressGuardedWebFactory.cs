namespace OrleansNlp.Tests.Infrastructure;

/// <summary>The embedded frontend with the production egress policy for webhooks: private networks refused. Its
/// allow-list holds names that lead to loopback (<c>localhost</c>), as a misconfigured or rebinding name would.</summary>
public sealed class EgressGuardedWebFactory : EmbeddedWebFactory
{
    protected override IEnumerable<KeyValuePair<string, string>> Settings => base.Settings
        .Where(setting => setting.Key is not "Webhooks:AllowPrivateNetworks" && !setting.Key.StartsWith("Webhooks:AllowedHosts:"))
        .Append(new("Webhooks:AllowedHosts:0", "localhost"));
}

[CollectionDefinition(Name)]
public sealed class EgressGuardedWebCollection : ICollectionFixture<EgressGuardedWebFactory>
{
    public const string Name = "Embedded web frontend, private networks refused";
}
