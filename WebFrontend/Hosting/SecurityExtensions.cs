using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using OrleansNlp.WebFrontend.Security;

namespace OrleansNlp.WebFrontend.Hosting;

/// <summary>API-key authentication and authorization, rate limits, trusted proxies and the header rules.</summary>
public static class SecurityExtensions
{
    public static IHostApplicationBuilder AddOrleansNlpSecurity(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>();
        builder.Services.AddOptions<RateLimitingOptions>().BindConfiguration(RateLimitingOptions.SectionName);
        builder.Services.AddSingleton<ApiKeyStore>();
        builder.Services.AddSingleton<AuthenticationFailureLimiter>();
        builder.Services.AddSingleton<IAuthorizationHandler, ApiKeyRequirementHandler>();
        builder.Services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, configureOptions: null);
        builder.Services.AddAuthorization(AuthorizationPolicies.Configure);
        builder.Services.AddSubmissionRateLimiting(builder.Configuration);
        builder.Services.AddSingleton<BatchTextBudget>();
        builder.Services.Configure<ForwardedHeadersOptions>(options => ForwardedHeadersSettings.Apply(options, builder.Configuration));
        return builder;
    }

    /// <summary>X-Forwarded-For/-Proto from the configured proxies only; without any, the headers are ignored.</summary>
    public static IApplicationBuilder UseOrleansNlpForwardedHeaders(this IApplicationBuilder app) =>
        ForwardedHeadersSettings.AnyProxy(app.ApplicationServices.GetRequiredService<IOptions<ForwardedHeadersOptions>>().Value)
            ? app.UseForwardedHeaders()
            : app;

    /// <summary>Security headers on every response, and one value per credential or idempotency header.</summary>
    public static IApplicationBuilder UseOrleansNlpHeaderRules(this IApplicationBuilder app) =>
        app.UseMiddleware<SecurityHeaders>().UseMiddleware<SingleValueHeaders>();
}
