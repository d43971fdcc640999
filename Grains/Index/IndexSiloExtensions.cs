using Microsoft.Extensions.DependencyInjection;
using OrleansNlp.Index;

namespace OrleansNlp.Hosting;

/// <summary>The job status index of a silo: sorted sets in Redis in cluster mode (needs the silo's RedisConnection), memory in embedded mode.</summary>
public static class IndexSiloExtensions
{
    public static ISiloBuilder AddOrleansNlpJobIndex(this ISiloBuilder silo, string? redis)
    {
        if (redis is null)
        {
            silo.Services.AddSingleton<IJobIndex, InMemoryJobIndex>();
        }
        else
        {
            silo.Services.AddSingleton<IJobIndex, RedisJobIndex>();
        }

        return silo;
    }
}
