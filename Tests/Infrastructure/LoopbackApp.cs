using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace OrleansNlp.Tests.Infrastructure;

/// <summary>A bare Kestrel app on a free loopback port, for the stand-ins of outside servers (LLM API, collector,
/// webhook receiver). After <c>StartAsync</c>, <c>Urls.Single()</c> is its address.</summary>
public static class LoopbackApp
{
    public static WebApplication Create()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        return builder.Build();
    }
}
