using Microsoft.AspNetCore.Authorization;

namespace OrleansNlp.WebFrontend.Security;

/// <summary>Met by an authenticated caller (an admin one when <see cref="AdminOnly"/>), or by anyone when no API keys
/// are configured.</summary>
public sealed class ApiKeyRequirement(bool adminOnly) : IAuthorizationRequirement
{
    public bool AdminOnly { get; } = adminOnly;
}
