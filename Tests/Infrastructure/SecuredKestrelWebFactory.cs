namespace OrleansNlp.Tests.Infrastructure;

/// <summary>The embedded frontend on a real port with API keys on, for the page's API key form.</summary>
public sealed class SecuredKestrelWebFactory : KestrelWebFactory
{
    public const string ApiKey = "browser-api-key-52c9e1";

    protected override IEnumerable<KeyValuePair<string, string>> Settings => base.Settings.Append(new("Auth:ApiKeys:0", ApiKey));
}
