using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace OrleansNlp.Tests.Infrastructure;

/// <summary>The secured frontend on a real Kestrel port on loopback, for clients that open real WebSockets.</summary>
public sealed class SecuredKestrelWebFactory : SecuredWebFactory
{
    public SecuredKestrelWebFactory() => UseKestrel(options => options.Listen(IPAddress.Loopback, 0));

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
