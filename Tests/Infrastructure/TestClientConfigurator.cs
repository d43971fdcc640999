using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Orleans.TestingHost;
using OrleansNlp.Hosting;

namespace OrleansNlp.Tests.Infrastructure;

/// <summary>Gives the test client the progress stream provider (and Redis gateway discovery when the cluster uses it).</summary>
public sealed class TestClientConfigurator : IClientBuilderConfigurator
{
    public void Configure(IConfiguration configuration, IClientBuilder clientBuilder)
    {
        clientBuilder.AddMemoryStreams(JobStreams.ProviderName);
        var redis = configuration.GetRedisConnectionString();
        if (redis is not null && configuration.GetValue<bool>(TestSettings.UseRedisClustering))
        {
            clientBuilder.UseRedisClustering(options => options.ConfigurationOptions = RedisSettings.Parse(redis));
        }
    }
}
