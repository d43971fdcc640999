using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace OrleansNlp.WebFrontend.Security;

/// <summary>Declares the API key in the OpenAPI document: as the X-Api-Key header ("ApiKey") and as a bearer token
/// ("Bearer"), and, when keys are configured, requires either on every operation, so that Scalar sends it.</summary>
public sealed class ApiKeySecuritySchemes(ApiKeyStore keys) : IOpenApiDocumentTransformer
{
    public const string ApiKeyScheme = "ApiKey";
    public const string BearerScheme = "Bearer";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[ApiKeyScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = ApiKeyAuthenticationHandler.HeaderName,
            Description = "An API key (Auth:ApiKeys, Auth:Keys, Auth:AdminKeys). Needed only when keys are configured.",
        };
        document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "The same API key, sent as Authorization: Bearer <key>.",
        };
        if (keys.Enabled)
        {
            document.Security =
            [
                new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKeyScheme, document)] = [] },
                new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, document)] = [] },
            ];
        }

        return Task.CompletedTask;
    }
}
