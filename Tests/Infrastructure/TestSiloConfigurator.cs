using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Storage;
using Orleans.TestingHost;
using OrleansNlp.Embedding;
using OrleansNlp.Hosting;
using OrleansNlp.Llm;

namespace OrleansNlp.Tests.Infrastructure;

/// <summary>Configures test silos exactly as production silos (same storage, stream and reminder names).
/// Test knobs arrive through the cluster's configuration: see <see cref="TestSettings"/>.</summary>
public sealed class TestSiloConfigurator : ISiloConfigurator
{
    public void Configure(ISiloBuilder siloBuilder)
    {
        var configuration = siloBuilder.Configuration;
        siloBuilder.AddOrleansNlp();

        var redis = configuration.GetRedisConnectionString();
        if (redis is not null && configuration.GetValue<bool>(TestSettings.UseRedisClustering))
        {
            siloBuilder.UseRedisClustering(options => options.ConfigurationOptions = RedisSettings.Parse(redis));
        }

        if (configuration.GetValue<bool>(TestSettings.FaultInjection))
        {
            siloBuilder.Services.Decorate<ITextEmbedder>(inner => new FaultInjectingEmbedder(inner));
            siloBuilder.Services.Decorate<ILlmProvider>(inner => new FaultInjectingLlmProvider(inner));
            siloBuilder.Services.Decorate<IReminderTable>(inner => new FaultInjectingReminderTable(inner));
            siloBuilder.Services.DecorateKeyed<IGrainStorage>(StorageNames.Jobs, inner => new FaultInjectingGrainStorage(inner));
            siloBuilder.AddIncomingGrainCallFilter<CallArrivalFilter>();
        }

        if (configuration.GetValue<bool>(TestSettings.FastFailureDetection))
        {
            siloBuilder.Configure<ClusterMembershipOptions>(options =>
            {
                options.ProbeTimeout = TimeSpan.FromSeconds(1);
                options.NumMissedProbesLimit = 2;
                options.NumVotesForDeathDeclaration = 1;
                options.TableRefreshTimeout = TimeSpan.FromSeconds(2);
            });
        }
    }
}
