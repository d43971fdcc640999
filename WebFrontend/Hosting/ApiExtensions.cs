using OrleansNlp.Webhooks;
using OrleansNlp.WebFrontend.Datasets;
using OrleansNlp.WebFrontend.Jobs;
using OrleansNlp.WebFrontend.Security;
using Scalar.AspNetCore;

namespace OrleansNlp.WebFrontend.Hosting;

/// <summary>JSON conventions (camelCase, enums as lowercase strings), RFC 7807 errors, the OpenAPI document and its reference page.</summary>
public static class ApiExtensions
{
    public static IHostApplicationBuilder AddOrleansNlpApi(this IHostApplicationBuilder builder)
    {
        builder.Services.ConfigureHttpJsonOptions(options => JsonDefaults.Apply(options.SerializerOptions));
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<ServiceUnavailableHandler>();
        builder.Services.AddExceptionHandler<BadRequestHandler>();
        // Binding failures throw in every environment, so BadRequestHandler answers them with a problem body.
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        builder.Services.AddOptions<SubmitLimits>().BindConfiguration(SubmitLimits.SectionName);
        builder.Services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.SectionName);
        builder.Services.AddSingleton<SubmitRequestReader>();
        builder.Services.AddSingleton<DatasetRequestReader>();
        builder.Services.AddOpenApi(options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "OrleansNlp API";
            document.Info.Description = "Submit NLP jobs, poll their status and read their results.";
            return Task.CompletedTask;
        }).AddDocumentTransformer<ApiKeySecuritySchemes>());
        return builder;
    }

    /// <summary>The OpenAPI document at /openapi/v1.json and the Scalar reference at /scalar, which offers the API key.</summary>
    public static IEndpointRouteBuilder MapOrleansNlpApiReference(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi();
        app.MapScalarApiReference(options => options
            .AddPreferredSecuritySchemes([ApiKeySecuritySchemes.ApiKeyScheme])
            // The default fonts come from Scalar's CDN, which its content security policy does not allow.
            .DisableDefaultFonts());
        return app;
    }
}
