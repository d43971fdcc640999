using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace OrleansNlp.Tests.Infrastructure;

/// <summary>A bare Kestrel app on a loopback port (a free one unless given), for the stand-ins of outside servers
/// (LLM API, collector, webhook receiver). After <c>StartAsync</c>, <c>Urls.Single()</c> is its address.</summary>
public static class LoopbackApp
{
    public static WebApplication Create(int port = 0) => Create(_ => { }, port);

    public static WebApplication Create(Action<IServiceCollection> services, int port = 0)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        services(builder.Services);
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, port));
        return builder.Build();
    }
}
