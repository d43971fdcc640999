using Microsoft.AspNetCore.Authorization;

namespace OrleansNlp.WebFrontend.Security;

/// <summary>The authorization policies: <see cref="Caller"/> (any valid key; the default and fallback policy, so it
/// covers every endpoint that says nothing) and <see cref="Admin"/> (an admin key). Both let everyone in when no keys
/// are configured.</summary>
public static class AuthorizationPolicies
{
    public const string Caller = "caller";
    public const string Admin = "admin";

    public static void Configure(AuthorizationOptions options)
    {
        var caller = new AuthorizationPolicyBuilder().AddRequirements(new ApiKeyRequirement(adminOnly: false)).Build();
        options.AddPolicy(Caller, caller);
        options.AddPolicy(Admin, new AuthorizationPolicyBuilder().AddRequirements(new ApiKeyRequirement(adminOnly: true)).Build());
        options.DefaultPolicy = caller;
        options.FallbackPolicy = caller;
    }
}
