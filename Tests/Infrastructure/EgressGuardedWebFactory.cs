using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using OrleansNlp.Webhooks;

namespace OrleansNlp.Tests.Infrastructure;

/// <summary>The embedded frontend with the production egress policy for webhooks: private networks refused. Its
/// allow-list holds names that lead to internal addresses, as a misconfigured or rebinding name would:
/// <c>localhost</c> through real DNS, and names that <see cref="Resolve"/> maps to chosen addresses.</summary>
public sealed class EgressGuardedWebFactory : EmbeddedWebFactory
{
    /// <summary>Names on the allow-list that this host's webhook resolver maps to internal addresses.</summary>
    public static readonly IReadOnlyDictionary<string, IPAddress> Mapped = new Dictionary<string, IPAddress>
    {
        ["rebound.example.test"] = IPAddress.Loopback,
        ["mapped.example.test"] = IPAddress.Parse("::ffff:127.0.0.1"),
        ["metadata.example.test"] = IPAddress.Parse("169.254.169.254"),
    };

    protected override IEnumerable<KeyValuePair<string, string>> Settings => base.Settings
        .Where(setting => setting.Key is not "Webhooks:AllowPrivateNetworks" && !setting.Key.StartsWith("Webhooks:AllowedHosts:"))
        .Append(new("Webhooks:AllowedHosts:0", "localhost"))
        .Append(new("Webhooks:AllowedHosts:1", "*.example.test"));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton(new WebhookHostResolver(Resolve)));
    }

    private static Task<IPAddress[]> Resolve(string host, CancellationToken ct) =>
        Mapped.TryGetValue(host, out var address) ? Task.FromResult<IPAddress[]>([address]) : Dns.GetHostAddressesAsync(host, ct);
}

[CollectionDefinition(Name)]
public sealed class EgressGuardedWebCollection : ICollectionFixture<EgressGuardedWebFactory>
{
    public const string Name = "Embedded web frontend, private networks refused";
}
