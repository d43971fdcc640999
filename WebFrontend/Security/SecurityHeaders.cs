namespace OrleansNlp.WebFrontend.Security;

/// <summary>
/// Adds X-Content-Type-Options: nosniff, Referrer-Policy: no-referrer and a Content-Security-Policy to every response
/// (set as the response starts, so error responses get them too). The page and the API get a self-only policy without
/// inline script or style; the Scalar reference at /scalar, which configures itself with an inline script and styles
/// itself inline, gets a policy of its own that allows that and still loads nothing from elsewhere; so does the Orleans
/// dashboard at /dashboard, whose scripts are its own files but which styles itself inline.
/// </summary>
public sealed class SecurityHeaders(RequestDelegate next)
{
    public const string ScalarPath = "/scalar";

    public const string PagePolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public const string ScalarPolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
        "font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; object-src 'none'; base-uri 'none'; " +
        "form-action 'self'; frame-ancestors 'none'";

    public const string DashboardPath = DashboardSession.Path;

    public const string DashboardPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(static state =>
        {
            var http = (HttpContext)state;
            var headers = http.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            var path = http.Request.Path;
            headers.ContentSecurityPolicy = path.StartsWithSegments(ScalarPath) ? ScalarPolicy
                : path.StartsWithSegments(DashboardPath) ? DashboardPolicy
                : PagePolicy;
            return Task.CompletedTask;
        }, context);
        return next(context);
    }
}
