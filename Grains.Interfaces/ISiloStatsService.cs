using Orleans.Services;
using OrleansNlp.Models;

namespace OrleansNlp;

/// <summary>One per silo (a grain service): that silo's own load, so that stats can ask every silo in turn.</summary>
[Alias("OrleansNlp.ISiloStatsService")]
public interface ISiloStatsService : IGrainService
{
    [Alias("GetLoad")]
    Task<SiloLoad> GetLoadAsync();
}
