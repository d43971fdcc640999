using Microsoft.Extensions.Options;
using OrleansNlp.Tests.Infrastructure;
using OrleansNlp.WebFrontend.Security;

namespace OrleansNlp.Tests;

/// <summary>The signed dashboard session cookie: valid for its admin key until it expires, refused when altered, for a
/// key that is gone or not an admin key.</summary>
[Trait(TestCategory.Trait, TestCategory.Unit)]
public sealed class DashboardSessionTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    private static ApiKeyStore Store(params (string Name, string Key, bool Admin)[] keys)
    {
        var options = new AuthOptions();
        foreach (var (name, key, admin) in keys)
        {
            options.Keys[name] = new NamedApiKey { Key = key, Admin = admin };
        }

        return new ApiKeyStore(new StaticOptionsMonitor(options));
    }

    [Fact]
    public void AnIssuedSession_IsValidUntilItExpires()
    {
        using var keys = Store(("ops", "ops-key", true));
        var session = DashboardSession.Issue(keys.FindOwner("ops")!, Now);

        Assert.Equal("ops", DashboardSession.Validate(session, keys, Now.AddHours(7))?.OwnerId);
        Assert.Null(DashboardSession.Validate(session, keys, Now + DashboardSession.Lifetime));
        Assert.DoesNotContain("ops-key", session);
    }

    [Fact]
    public void AnAlteredSession_IsRefused()
    {
        using var keys = Store(("ops", "ops-key", true), ("other", "other-key", true));
        var parts = DashboardSession.Issue(keys.FindOwner("ops")!, Now).Split('.');
        var otherOwner = Convert.ToBase64String("other"u8.ToArray()).TrimEnd('=');
        var later = (Now.AddDays(30).ToUnixTimeSeconds()).ToString();

        Assert.Null(DashboardSession.Validate($"{otherOwner}.{parts[1]}.{parts[2]}", keys, Now));
        Assert.Null(DashboardSession.Validate($"{parts[0]}.{later}.{parts[2]}", keys, Now));
        Assert.Null(DashboardSession.Validate($"{parts[0]}.{parts[1]}.{(parts[2][0] == 'A' ? 'B' : 'A')}{parts[2][1..]}", keys, Now));
        Assert.Null(DashboardSession.Validate("not-a-session", keys, Now));
        Assert.Null(DashboardSession.Validate(null, keys, Now));
    }

    [Fact]
    public void ASession_EndsWithItsKey_AndNeedsAnAdminKey()
    {
        using var before = Store(("ops", "ops-key", true), ("user", "user-key", false));
        var session = DashboardSession.Issue(before.FindOwner("ops")!, Now);
        var userSession = DashboardSession.Issue(before.FindOwner("user")!, Now);
        using var rotated = Store(("ops", "new-ops-key", true), ("user", "user-key", false));

        Assert.Null(DashboardSession.Validate(session, rotated, Now));
        Assert.Null(DashboardSession.Validate(userSession, before, Now));
    }

    private sealed class StaticOptionsMonitor(AuthOptions value) : IOptionsMonitor<AuthOptions>
    {
        public AuthOptions CurrentValue => value;

        public AuthOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<AuthOptions, string?> listener) => null;
    }
}
