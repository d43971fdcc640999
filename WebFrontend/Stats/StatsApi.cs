using Microsoft.AspNetCore.Http.HttpResults;
using OrleansNlp.Contracts;
using OrleansNlp.Models;
using OrleansNlp.WebFrontend.Jobs;
using OrleansNlp.WebFrontend.Security;

namespace OrleansNlp.WebFrontend.Stats;

/// <summary>GET /api/stats: the operations view. An admin key (or keys off) sees the cluster; any other key sees the
/// counts of its own jobs only (scope "owner"), since throughput, queues and silos are shared by every owner.</summary>
public static class StatsApi
{
    public static RouteGroupBuilder MapStatsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/stats").WithTags("Stats");

        api.MapGet("/", GetStats)
            .WithName(nameof(GetStats))
            .WithSummary("Jobs per status, throughput, jobs waiting per stage, LLM capacity and the silos")
            .WithDescription("An admin key (or no keys configured) gets the whole cluster (scope \"cluster\"); another key gets " +
                "only the counts of its own jobs (scope \"owner\") and null for the cluster-wide fields.")
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        return api;
    }

    public static async Task<Ok<StatsResponse>> GetStats(HttpContext http, IGrainFactory grains, CancellationToken ct)
    {
        var caller = Caller.Of(http);
        var stats = await ClusterCalls.RunAsync(
            _ => grains.GetGrain<IClusterStatsGrain>(0).GetAsync(caller.SeesAll ? null : caller.OwnerId), ct);
        return TypedResults.Ok(stats.ToResponse());
    }
}
