using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.TestingHost;
using OrleansNlp.Embedding;
using OrleansNlp.Hosting;

namespace OrleansNlp.Tests.Infrastructure;

/// <summary>Configures test silos exactly as production silos (same storage, stream and reminder names).
/// Test knobs arrive through the cluster's configuration: see <see cref="TestSettings"/>.</summary>
public sealed class TestSiloConfigurator : ISiloConfigurator
{
    public void Configure(ISiloBuilder siloBuilder)
    {
        siloBuilder.AddOrleansNlp();

        var redis = siloBuilder.Configuration.GetRedisConnectionString();
        if (redis is not null && siloBuilder.Configuration.GetValue<bool>(TestSettings.UseRedisClustering))
        {
            siloBuilder.UseRedisClustering(options => options.ConfigurationOptions = RedisSettings.Parse(redis));
        }

        if (siloBuilder.Configuration.GetValue<int?>(TestSettings.EmbeddingDelayMs) is { } delay)
        {
            siloBuilder.Services.AddSingleton<ITextEmbedder>(
                new DelayedTextEmbedder(new HashingTextEmbedder(), TimeSpan.FromMilliseconds(delay)));
        }
    }
}
