using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace OrleansNlp.Tests.Infrastructure;

/// <summary>The embedded frontend on a real Kestrel port on loopback, for a real browser.</summary>
public class KestrelWebFactory : EmbeddedWebFactory
{
    public KestrelWebFactory() => UseKestrel(options => options.Listen(IPAddress.Loopback, 0));

    public Uri Address => this.ListenAddress();
}

/// <summary>Where a factory that uses Kestrel listens (its server started first).</summary>
public static class KestrelAddresses
{
    public static Uri ListenAddress(this WebApplicationFactory<Program> factory)
    {
        factory.StartServer();
        return new Uri(factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }
}
