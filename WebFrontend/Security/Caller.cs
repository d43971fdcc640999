using System.Security.Claims;

namespace OrleansNlp.WebFrontend.Security;

/// <summary>Who is calling, as far as jobs are concerned. With API keys on, every caller has an owner id (a key's
/// configured name, or a hash of an unnamed key; never the key itself) and sees only the jobs of that owner; admin keys
/// see every job. With keys off (the embedded default) there are no owners and everyone sees everything.</summary>
public sealed record Caller(string? OwnerId, bool IsAdmin)
{
    public const string OwnerClaim = "orleansnlp:owner";
    public const string AdminRole = "admin";

    public static readonly Caller Anonymous = new(null, false);

    /// <summary>Sees every job: an admin key, or keys are off.</summary>
    public bool SeesAll => OwnerId is null || IsAdmin;

    public bool CanSee(string? jobOwner) => SeesAll || string.Equals(jobOwner, OwnerId, StringComparison.Ordinal);

    public static Caller Of(HttpContext context) => Of(context.User);

    public static Caller Of(ClaimsPrincipal? user) =>
        user?.FindFirst(OwnerClaim)?.Value is { Length: > 0 } owner ? new Caller(owner, user.IsInRole(AdminRole)) : Anonymous;

    /// <summary>The principal of an authenticated caller.</summary>
    public static ClaimsPrincipal Principal(string ownerId, bool isAdmin, string authenticationType)
    {
        var claims = new List<Claim> { new(OwnerClaim, ownerId), new(ClaimTypes.NameIdentifier, ownerId) };
        if (isAdmin)
        {
            claims.Add(new Claim(ClaimTypes.Role, AdminRole));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType));
    }
}
