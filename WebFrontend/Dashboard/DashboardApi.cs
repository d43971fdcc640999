using Microsoft.AspNetCore.Http.HttpResults;
using Orleans.Dashboard;
using OrleansNlp.WebFrontend.Security;

namespace OrleansNlp.WebFrontend.Dashboard;

/// <summary>The Orleans dashboard at <see cref="Route"/>, for admin keys only when keys are configured (it shows every
/// grain, and can read any grain's state). Its page fetches its data with relative URLs and cannot send X-Api-Key, so a
/// browser first calls POST /api/dashboard/session with an admin key (the web page's "Open dashboard" link does), which
/// sets a <see cref="DashboardSession"/> cookie; scripts and reverse proxies can send the key header instead.</summary>
public static class DashboardApi
{
    public const string Route = DashboardSession.Path;

    public static IEndpointRouteBuilder MapOrleansNlpDashboard(this IEndpointRouteBuilder app)
    {
        var session = app.MapGroup("/api/dashboard/session").WithTags("Dashboard");
        session.MapPost("/", StartDashboardSession)
            .WithName(nameof(StartDashboardSession))
            .WithSummary("Let this browser open the Orleans dashboard at /dashboard for 8 hours")
            .WithDescription("Needs an admin key when API keys are configured; sets an HttpOnly cookie scoped to /dashboard.")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .RequireAuthorization(AuthorizationPolicies.Admin);
        session.MapDelete("/", EndDashboardSession)
            .WithName(nameof(EndDashboardSession))
            .WithSummary("Remove this browser's dashboard session cookie")
            .AllowAnonymous();

        app.MapOrleansDashboard(routePrefix: Route)
            .RequireAuthorization(AuthorizationPolicies.Admin)
            .ExcludeFromDescription();
        return app;
    }

    public static NoContent StartDashboardSession(HttpContext http, ApiKeyStore keys)
    {
        // Without keys the dashboard is open like everything else: no session needed.
        if (keys.Enabled && Caller.Of(http).OwnerId is { } owner && keys.FindOwner(owner) is { } entry)
        {
            http.Response.Cookies.Append(DashboardSession.CookieName, DashboardSession.Issue(entry, DateTimeOffset.UtcNow),
                DashboardSession.CookieOptions(http.Request, DashboardSession.Lifetime));
        }

        return TypedResults.NoContent();
    }

    public static NoContent EndDashboardSession(HttpContext http)
    {
        http.Response.Cookies.Delete(DashboardSession.CookieName, DashboardSession.CookieOptions(http.Request, TimeSpan.Zero));
        return TypedResults.NoContent();
    }
}
