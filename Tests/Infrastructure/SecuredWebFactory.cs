using System.Net;

namespace OrleansNlp.Tests.Infrastructure;

/// <summary>The embedded frontend with API keys on (unnamed, named and admin keys), tight rate limits and two trusted
/// proxies. Tests that count per address send from their own address (<see cref="AddressedClients"/>).</summary>
public class SecuredWebFactory : EmbeddedWebFactory
{
    public const string ApiKey = "test-api-key-7d41c0";
    public const string OtherKey = "another-key";
    public const string NamedKeyName = "reporting";
    public const string NamedKey = "reporting-key-5be0e1";
    public const string AdminKey = "admin-key-91c2aa";
    public const string NamedAdminKey = "ops-key-3f70b2";
    public const string BurstKeyA = "burst-key-a-11d0";
    public const string BurstKeyB = "burst-key-b-22e1";
    public const string BatchKey = "batcher-key-6a2f19";
    public const int PermitLimit = 3;
    public const int PerAddressPermitLimit = 4;
    public const int AuthFailurePermitLimit = 10;

    public static readonly IPAddress KnownProxy = IPAddress.Parse("10.99.0.1");
    public const string KnownNetwork = "10.98.0.0/16";

    protected override IEnumerable<KeyValuePair<string, string>> Settings => base.Settings.Concat(
    [
        new("Auth:ApiKeys:0", OtherKey),
        new("Auth:ApiKeys:1", ApiKey),
        new($"Auth:Keys:{NamedKeyName}:Key", NamedKey),
        new("Auth:Keys:burst-a:Key", BurstKeyA),
        new("Auth:Keys:burst-b:Key", BurstKeyB),
        new("Auth:Keys:batcher:Key", BatchKey),
        new("Auth:AdminKeys:0", AdminKey),
        new("Auth:Keys:ops:Key", NamedAdminKey),
        new("Auth:Keys:ops:Admin", "true"),
        new("RateLimiting:PermitLimit", PermitLimit.ToString()),
        new("RateLimiting:WindowSeconds", "120"),
        new("RateLimiting:PerAddressPermitLimit", PerAddressPermitLimit.ToString()),
        new("RateLimiting:AuthFailurePermitLimit", AuthFailurePermitLimit.ToString()),
        new("RateLimiting:AuthFailureWindowSeconds", "120"),
        new("ForwardedHeaders:KnownProxies:0", KnownProxy.ToString()),
        new("ForwardedHeaders:KnownNetworks:0", KnownNetwork),
    ]);
}
