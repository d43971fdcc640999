using Orleans.Runtime.Services;

namespace OrleansNlp.Stats;

/// <inheritdoc cref="ISiloStatsClient"/>
public sealed class SiloStatsClient(IServiceProvider services) : GrainServiceClient<ISiloStatsService>(services), ISiloStatsClient
{
    public ISiloStatsService On(SiloAddress silo) => GetGrainService(silo);
}
