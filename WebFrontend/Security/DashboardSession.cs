using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace OrleansNlp.WebFrontend.Security;

/// <summary>
/// A browser's session for the Orleans dashboard, whose page fetches its data itself and cannot send X-Api-Key.
/// POST /api/dashboard/session with an admin key sets it as an HttpOnly, SameSite=Strict cookie scoped to /dashboard.
/// The value is <c>owner.expiry.signature</c>: the owner id (base64url), the Unix second it expires, and an HMAC-SHA256
/// of both keyed with the digest of that owner's API key. It holds no key, every frontend can check it without shared
/// state, and it stops working when it expires or the key is removed.
/// </summary>
public static class DashboardSession
{
    public const string CookieName = "orleans-nlp-dashboard";
    public const string Path = "/dashboard";
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(8);

    public static string Issue(ApiKeyEntry entry, DateTimeOffset now)
    {
        var owner = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(entry.OwnerId));
        var expires = (now + Lifetime).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return $"{owner}.{expires}.{Base64Url.EncodeToString(Sign(entry, owner, expires))}";
    }

    /// <summary>The admin key entry the session stands for, or null when it is malformed, forged, expired, or its key
    /// is gone or no longer an admin key.</summary>
    public static ApiKeyEntry? Validate(string? value, ApiKeyStore keys, DateTimeOffset now)
    {
        var parts = value?.Split('.');
        if (parts is not { Length: 3 }
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var expires)
            || expires <= now.ToUnixTimeSeconds()
            || !TryDecode(parts[0], out var ownerBytes)
            || !TryDecode(parts[2], out var signature)
            || keys.FindOwner(Encoding.UTF8.GetString(ownerBytes)) is not { IsAdmin: true } entry)
        {
            return null;
        }

        return CryptographicOperations.FixedTimeEquals(signature, Sign(entry, parts[0], parts[1])) ? entry : null;
    }

    public static CookieOptions CookieOptions(HttpRequest request, TimeSpan maxAge) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Secure = request.IsHttps,
        Path = Path,
        MaxAge = maxAge,
        IsEssential = true,
    };

    private static byte[] Sign(ApiKeyEntry entry, string owner, string expires) =>
        HMACSHA256.HashData(entry.Digest, Encoding.ASCII.GetBytes($"{CookieName}|{owner}|{expires}"));

    private static bool TryDecode(string text, out byte[] bytes)
    {
        bytes = [];
        if (text.Length is 0 or > 512 || !Base64Url.IsValid(text))
        {
            return false;
        }

        bytes = Base64Url.DecodeFromChars(text);
        return true;
    }
}
