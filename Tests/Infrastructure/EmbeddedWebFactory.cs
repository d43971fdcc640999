using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace OrleansNlp.Tests.Infrastructure;

/// <summary>The web frontend in its default embedded mode (in-process silo), on free silo and gateway ports.</summary>
public sealed class EmbeddedWebFactory : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Orleans:SiloPort", FreePort.Next().ToString());
        builder.UseSetting("Orleans:GatewayPort", FreePort.Next().ToString());
    }
}

[CollectionDefinition(Name)]
public sealed class EmbeddedWebCollection : ICollectionFixture<EmbeddedWebFactory>
{
    public const string Name = "Embedded web frontend";
}
