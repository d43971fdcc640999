using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace OrleansNlp.Hosting;

/// <summary>Health checks shared by silo and frontend: the cluster, and Redis when it is configured; served at
/// <see cref="HealthRoute"/> (readiness) and <see cref="LivenessRoute"/> (liveness).</summary>
public static class HealthCheckExtensions
{
    /// <summary>Every check: the cluster answers and, in cluster mode, Redis does. A readiness probe.</summary>
    public const string HealthRoute = "/health";

    /// <summary>No check: the process answers HTTP. A liveness probe, so that an outage of Redis or of the other silos
    /// makes processes unready instead of getting them restarted.</summary>
    public const string LivenessRoute = "/alive";

    public static IHealthChecksBuilder AddOrleansNlpHealthChecks(this IServiceCollection services, IConfiguration configuration)
    {
        var checks = services.AddHealthChecks().AddCheck<ClusterHealthCheck>("cluster");
        if (configuration.GetRedisConnectionString() is { } redis)
        {
            checks.AddRedis(redis, name: "redis", timeout: TimeSpan.FromSeconds(3));
        }

        return checks;
    }

    /// <summary>Both routes, open without an API key.</summary>
    public static IEndpointRouteBuilder MapOrleansNlpHealthChecks(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks(HealthRoute).AllowAnonymous();
        endpoints.MapHealthChecks(LivenessRoute, new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        return endpoints;
    }
}
