using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace OrleansNlp.WebFrontend.Security;

/// <summary>
/// Optional API-key check (header X-Api-Key): when keys are configured, every request except /health and the
/// page's static files needs a valid key, else 401. Browsers' WebSocket connections to hubs may pass the key as
/// the access_token query parameter, which is how SignalR clients send tokens.
/// </summary>
public sealed class ApiKeys(RequestDelegate next, IOptionsMonitor<AuthOptions> options)
{
    public const string HeaderName = "X-Api-Key";
    private const string CallerScopeItem = "OrleansNlp.CallerScope";
    private static readonly string[] PublicFiles = ["/", "/index.html", "/styles.css", "/favicon.ico"];

    public async Task InvokeAsync(HttpContext context, IProblemDetailsService problems)
    {
        var keys = options.CurrentValue.ApiKeys.Where(key => !string.IsNullOrEmpty(key)).ToArray();
        if (keys.Length == 0 || IsPublic(context.Request))
        {
            await next(context);
            return;
        }

        var presented = PresentedKey(context.Request);
        if (presented is not null && keys.Any(key => FixedTimeEquals(key, presented)))
        {
            var owner = "key:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(presented)))[..16];
            context.Items[CallerScopeItem] = owner;
            context.User = Caller.Principal(owner, isAdmin: false, "ApiKey");
            await next(context);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = "ApiKey header=\"X-Api-Key\"";
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status401Unauthorized,
                Title = "API key required",
                Detail = presented is null ? $"Send a valid API key in the {HeaderName} header." : "The API key is not valid.",
            },
        });
    }

    /// <summary>Who is calling, for idempotency keys and rate limits: a hash of the API key, else null.</summary>
    public static string? CallerScope(HttpContext context) => context.Items[CallerScopeItem] as string;

    private static bool IsPublic(HttpRequest request) =>
        request.Path.StartsWithSegments("/health")
        || (HttpMethods.IsGet(request.Method) && (PublicFiles.Contains(request.Path.Value) || request.Path.StartsWithSegments("/js") || request.Path.StartsWithSegments("/lib")));

    private static string? PresentedKey(HttpRequest request) =>
        request.Headers[HeaderName].FirstOrDefault() is { Length: > 0 } header ? header
        : request.Path.StartsWithSegments("/hubs") && request.Query["access_token"].FirstOrDefault() is { Length: > 0 } token ? token
        : null;

    private static bool FixedTimeEquals(string expected, string presented) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(presented));
}
