namespace OrleansNlp.Tests.Infrastructure;

/// <summary>The embedded frontend with two users' API keys and an admin key, and no tight rate limit.</summary>
public sealed class OwnersWebFactory : EmbeddedWebFactory
{
    public const string Alice = "alice-key-5b0e9f";
    public const string Bob = "bob-key-91c2aa";
    public const string Admin = "admin-key-04d7e3";

    protected override IEnumerable<KeyValuePair<string, string>> Settings => base.Settings.Concat(
    [
        new("Auth:ApiKeys:0", Alice),
        new("Auth:ApiKeys:1", Bob),
        new("Auth:AdminKeys:0", Admin),
    ]);

    public HttpClient ClientWithKey(string key)
    {
        var http = CreateClient();
        http.DefaultRequestHeaders.Add("X-Api-Key", key);
        return http;
    }
}
