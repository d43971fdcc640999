using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using IPNetwork = System.Net.IPNetwork;

namespace OrleansNlp.WebFrontend.Security;

/// <summary>
/// Which proxies may set the client address and scheme (X-Forwarded-For, X-Forwarded-Proto), from
/// "ForwardedHeaders": KnownProxies (addresses), KnownNetworks (CIDR ranges) and ForwardLimit (default 1). None by
/// default: ASP.NET Core's loopback defaults are cleared, and without any proxy the middleware is not used at all,
/// since with empty lists it would trust every sender.
/// </summary>
public static class ForwardedHeadersSettings
{
    public const string SectionName = "ForwardedHeaders";

    public static void Apply(ForwardedHeadersOptions options, IConfiguration configuration)
    {
        var section = configuration.GetSection(SectionName);
        options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        options.ForwardLimit = section.GetValue<int?>("ForwardLimit") ?? 1;
        foreach (var entry in section.GetSection("KnownProxies").GetChildren().Where(entry => !string.IsNullOrWhiteSpace(entry.Value)))
        {
            options.KnownProxies.Add(IPAddress.TryParse(entry.Value, out var address)
                ? address
                : throw new InvalidOperationException($"{entry.Path} is not an IP address: '{entry.Value}'."));
        }

        foreach (var entry in section.GetSection("KnownNetworks").GetChildren().Where(entry => !string.IsNullOrWhiteSpace(entry.Value)))
        {
            options.KnownIPNetworks.Add(IPNetwork.TryParse(entry.Value, out var network)
                ? network
                : throw new InvalidOperationException($"{entry.Path} is not a network in CIDR notation (e.g. 10.0.0.0/8): '{entry.Value}'."));
        }
    }

    public static bool AnyProxy(ForwardedHeadersOptions options) => options.KnownProxies.Count > 0 || options.KnownIPNetworks.Count > 0;
}
