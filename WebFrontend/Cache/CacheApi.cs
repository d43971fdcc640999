using Microsoft.AspNetCore.Http.HttpResults;
using OrleansNlp.Models;
using OrleansNlp.WebFrontend.Security;

namespace OrleansNlp.WebFrontend.Cache;

/// <summary>REST endpoints for the job result cache: its figures, and clearing it.</summary>
public static class CacheApi
{
    public static RouteGroupBuilder MapCacheApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/cache").WithTags("Cache");

        api.MapGet("/stats", GetCacheStats)
            .WithName(nameof(GetCacheStats))
            .WithSummary("Result cache figures: entries, hits, misses and hit rate since the last clear");
        api.MapDelete("/", ClearCache)
            .WithName(nameof(ClearCache))
            .WithSummary("Remove every cached result and reset the counters")
            .WithDescription("Needs an admin key (Auth:AdminKeys) when API keys are configured.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .RequireAuthorization(AuthorizationPolicies.Admin);

        return api;
    }

    public static async Task<Ok<CacheStats>> GetCacheStats(IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<ICacheGrain>(0).GetStatsAsync());

    public static async Task<NoContent> ClearCache(IGrainFactory grains)
    {
        await grains.GetGrain<ICacheGrain>(0).ClearAsync();
        return TypedResults.NoContent();
    }
}
