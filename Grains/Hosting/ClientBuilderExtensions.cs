using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;

namespace OrleansNlp.Hosting;

/// <summary>Client wiring for a frontend that joins a Redis-clustered deployment without hosting a silo.</summary>
public static class ClientBuilderExtensions
{
    public static IClientBuilder AddOrleansNlpClient(this IClientBuilder client, IConfiguration configuration)
    {
        var redis = configuration.GetRedisConnectionString()
            ?? throw new InvalidOperationException("A Redis connection string (ConnectionStrings:Redis) is required to join a cluster.");
        var hosting = configuration.GetSection(ClusterHostingOptions.SectionName).Get<ClusterHostingOptions>() ?? new();

        client.UseRedisClustering(options => options.ConfigurationOptions = RedisSettings.Parse(redis));
        client.Configure<ClusterOptions>(options =>
        {
            options.ClusterId = hosting.ClusterId;
            options.ServiceId = hosting.ServiceId;
        });
        client.AddMemoryStreams(JobStreams.ProviderName);
        if (TelemetryExtensions.IsOtlpConfigured(configuration))
        {
            client.AddActivityPropagation();
        }

        return client;
    }
}
