using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;
using OrleansNlp.WebFrontend.Jobs;

namespace OrleansNlp.WebFrontend.Security;

/// <summary>
/// Refuses a request that carries X-Api-Key, Idempotency-Key or bearer credentials more than once, with 400 naming
/// the header: which one counts would otherwise depend on the code reading it (model binding joins repeats into
/// "k1,k2"). Clients and proxies may join repeated lines into one with commas, so a comma in X-Api-Key,
/// Idempotency-Key or a bearer token (none can hold one) counts as a repeat too.
/// </summary>
public sealed class SingleValueHeaders(RequestDelegate next, IProblemDetailsService problems)
{
    private static readonly string[] CommaFree = [ApiKeyAuthenticationHandler.HeaderName, IdempotencyKeys.HeaderName];

    public async Task InvokeAsync(HttpContext context)
    {
        if (Repeated(context.Request.Headers) is { } name)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            var message = $"Send the {name} header once, with a single value.";
            await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = new HttpValidationProblemDetails(new Dictionary<string, string[]> { [name] = [message] })
                {
                    Status = StatusCodes.Status400BadRequest,
                    Detail = message,
                },
            });
            return;
        }

        await next(context);
    }

    private static string? Repeated(IHeaderDictionary headers)
    {
        foreach (var name in CommaFree)
        {
            if (headers[name] is { Count: > 0 } values && (values.Count > 1 || values[0]!.Contains(',')))
            {
                return name;
            }
        }

        // Other schemes (Basic, Digest, ...) are not ours and Digest uses commas; only repeats and joined bearers count.
        var authorization = headers.Authorization;
        return authorization.Count > 1 || (authorization.Count == 1 && IsBearer(authorization) && authorization[0]!.Contains(','))
            ? HeaderNames.Authorization
            : null;
    }

    private static bool IsBearer(StringValues authorization) =>
        authorization[0]!.StartsWith(ApiKeyAuthenticationHandler.BearerScheme + " ", StringComparison.OrdinalIgnoreCase);
}
