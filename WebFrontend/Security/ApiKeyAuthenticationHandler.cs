using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace OrleansNlp.WebFrontend.Security;

/// <summary>
/// The "ApiKey" authentication scheme. The key comes from the X-Api-Key header, else <c>Authorization: Bearer</c>,
/// else (hub requests only, where browsers cannot set headers on a WebSocket) the access_token query parameter; under
/// /dashboard, whose page fetches its own data, a <see cref="DashboardSession"/> cookie stands in for an admin key.
/// A known key yields a principal made by <see cref="Caller.Principal"/>; no keys configured yields no result (the
/// authorization policies then let everyone in). Challenges answer 401, forbids 403, and a wrong key from an address
/// over its failure limit 429, each with a problem body. Keys never appear in a response or a log.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyStore keys,
    AuthenticationFailureLimiter failures,
    IProblemDetailsService problems)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";
    public const string BearerScheme = "Bearer";
    public const string AccessTokenParameter = "access_token";
    public const string HubsPath = "/hubs";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!keys.Enabled)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (PresentedKey(Request) is not { } presented)
        {
            return Task.FromResult(DashboardSessionResult());
        }

        var address = ClientAddress.Of(Context);
        if (failures.IsBlocked(address, out var retryAfter))
        {
            return Task.FromResult(AuthenticateResult.Fail(new AuthenticationThrottledException(retryAfter)));
        }

        if (keys.Find(presented) is not { } entry)
        {
            failures.RecordFailure(address);
            return Task.FromResult(AuthenticateResult.Fail("The API key is not valid."));
        }

        var principal = Caller.Principal(entry.OwnerId, entry.IsAdmin, SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }

    /// <summary>A dashboard request may carry the session cookie instead of a key. A bad cookie is not counted as a wrong
    /// key: the dashboard page asks several times a second, and a signature cannot be guessed.</summary>
    private AuthenticateResult DashboardSessionResult()
    {
        if (!Request.Path.StartsWithSegments(DashboardSession.Path) || !Request.Cookies.TryGetValue(DashboardSession.CookieName, out var cookie))
        {
            return AuthenticateResult.NoResult();
        }

        return DashboardSession.Validate(cookie, keys, TimeProvider.GetUtcNow()) is { } entry
            ? AuthenticateResult.Success(new AuthenticationTicket(Caller.Principal(entry.OwnerId, entry.IsAdmin, SchemeName), SchemeName))
            : AuthenticateResult.Fail("The dashboard session is not valid or has expired.");
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        if (result.Failure is AuthenticationThrottledException throttled)
        {
            var seconds = Math.Max(1, (int)Math.Ceiling(throttled.RetryAfter.TotalSeconds));
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            await WriteProblemAsync(StatusCodes.Status429TooManyRequests, "Too many wrong API keys",
                $"This address sent too many wrong API keys; retry after {seconds} s.");
            return;
        }

        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.Append(HeaderNames.WWWAuthenticate, $"ApiKey header=\"{HeaderName}\"");
        Response.Headers.Append(HeaderNames.WWWAuthenticate, BearerScheme);
        await WriteProblemAsync(StatusCodes.Status401Unauthorized, "API key required", result.Failure is null
            ? $"Send a valid API key in the {HeaderName} header (or as Authorization: Bearer <key>)."
            : result.Failure.Message);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return WriteProblemAsync(StatusCodes.Status403Forbidden, "Admin key required", "This operation needs an admin API key.");
    }

    /// <summary>The key the request presents, or null. Repeated headers never get here: <see cref="SingleValueHeaders"/>
    /// refuses them first.</summary>
    private static string? PresentedKey(HttpRequest request)
    {
        if (request.Headers[HeaderName] is { Count: 1 } header && !string.IsNullOrEmpty(header[0]))
        {
            return header[0];
        }

        if (request.Headers.Authorization is { Count: 1 } authorization
            && authorization[0] is { } value
            && value.StartsWith(BearerScheme + " ", StringComparison.OrdinalIgnoreCase)
            && value[(BearerScheme.Length + 1)..].Trim() is { Length: > 0 } token)
        {
            return token;
        }

        return request.Path.StartsWithSegments(HubsPath) && request.Query[AccessTokenParameter] is { Count: 1 } query && !string.IsNullOrEmpty(query[0])
            ? query[0]
            : null;
    }

    private Task WriteProblemAsync(int status, string title, string detail) =>
        problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        }).AsTask();
}
