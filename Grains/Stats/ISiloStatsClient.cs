using Orleans.Services;

namespace OrleansNlp.Stats;

/// <summary>Reaches the <see cref="ISiloStatsService"/> of a given silo (usable inside silos only).</summary>
public interface ISiloStatsClient : IGrainServiceClient<ISiloStatsService>
{
    ISiloStatsService On(SiloAddress silo);
}
