using Microsoft.Extensions.DependencyInjection;
using Orleans.Dashboard;
using OrleansNlp.Stats;

namespace OrleansNlp.Hosting;

/// <summary>What operators see of a silo: its load for GET /api/stats (a grain service per silo) and the Orleans
/// dashboard's grains and counters. The dashboard's UI is mapped by the frontend, behind an admin key.</summary>
public static class OperationsSiloExtensions
{
    public static ISiloBuilder AddOrleansNlpOperations(this ISiloBuilder silo)
    {
        silo.AddGrainService<SiloStatsService>();
        silo.Services.AddSingleton<ISiloStatsClient, SiloStatsClient>();
        silo.AddDashboard();
        return silo;
    }
}
