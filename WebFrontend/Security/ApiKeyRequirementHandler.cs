using Microsoft.AspNetCore.Authorization;

namespace OrleansNlp.WebFrontend.Security;

/// <summary>Decides <see cref="ApiKeyRequirement"/> from the caller's claims and whether keys are configured.</summary>
public sealed class ApiKeyRequirementHandler(ApiKeyStore keys) : AuthorizationHandler<ApiKeyRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ApiKeyRequirement requirement)
    {
        var caller = Caller.Of(context.User);
        if (!keys.Enabled || (caller.OwnerId is not null && (!requirement.AdminOnly || caller.IsAdmin)))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
