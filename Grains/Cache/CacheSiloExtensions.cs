using Microsoft.Extensions.DependencyInjection;
using OrleansNlp.Cache;

namespace OrleansNlp.Hosting;

/// <summary>Result cache services of a silo: Redis in cluster mode (shared by all silos), memory in embedded mode.</summary>
public static class CacheSiloExtensions
{
    public static ISiloBuilder AddOrleansNlpResultCache(this ISiloBuilder silo, bool inRedis)
    {
        silo.Services.AddOptions<CacheOptions>().BindConfiguration(CacheOptions.SectionName);
        silo.Services.AddSingleton<JobResultCache>();
        if (inRedis)
        {
            silo.Services.AddSingleton<IResultCache, RedisResultCache>();
        }
        else
        {
            silo.Services.AddSingleton<IResultCache, InMemoryResultCache>();
        }

        return silo;
    }
}
