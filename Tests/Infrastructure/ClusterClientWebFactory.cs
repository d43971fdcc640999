using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;
using Orleans.TestingHost;

namespace OrleansNlp.Tests.Infrastructure;

/// <summary>The web frontend in cluster mode: an Orleans client that finds the given test cluster's gateways in Redis.</summary>
public sealed class ClusterClientWebFactory(TestCluster cluster, RedisServer redis) : WebApplicationFactory<Program>
{
    public CollectingLoggerProvider Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:Redis", redis.ConnectionString);
        builder.UseSetting("Orleans:ServiceId", cluster.Options.ServiceId);
        builder.UseSetting("Orleans:ClusterId", cluster.Options.ClusterId);
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
    }
}
