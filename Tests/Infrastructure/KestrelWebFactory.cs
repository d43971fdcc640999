using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace OrleansNlp.Tests.Infrastructure;

/// <summary>The embedded frontend on a real Kestrel port on loopback, for a real browser.</summary>
public class KestrelWebFactory : EmbeddedWebFactory
{
    public KestrelWebFactory() => UseKestrel(options => options.Listen(IPAddress.Loopback, 0));

    public Uri Address
    {
        get
        {
            StartServer();
            var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new Uri(address);
        }
    }
}
