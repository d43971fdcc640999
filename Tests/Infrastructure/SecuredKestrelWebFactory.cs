using System.Net;

namespace OrleansNlp.Tests.Infrastructure;

/// <summary>The secured frontend on a real Kestrel port on loopback, for clients that open real WebSockets.</summary>
public sealed class SecuredKestrelWebFactory : SecuredWebFactory
{
    public SecuredKestrelWebFactory() => UseKestrel(options => options.Listen(IPAddress.Loopback, 0));

    public Uri Address => this.ListenAddress();
}
