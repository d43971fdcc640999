using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace OrleansNlp.Hosting;

/// <summary>Health checks shared by silo and frontend: the cluster, and Redis when it is configured.</summary>
public static class HealthCheckExtensions
{
    public static IHealthChecksBuilder AddOrleansNlpHealthChecks(this IServiceCollection services, IConfiguration configuration)
    {
        var checks = services.AddHealthChecks().AddCheck<ClusterHealthCheck>("cluster");
        if (configuration.GetRedisConnectionString() is { } redis)
        {
            checks.AddRedis(redis, name: "redis", timeout: TimeSpan.FromSeconds(3));
        }

        return checks;
    }
}
