namespace OrleansNlp.Tests.Infrastructure;

/// <summary>The embedded frontend on a real port with one API key, for the page's API key form.</summary>
public sealed class KeyedKestrelWebFactory : KestrelWebFactory
{
    public const string ApiKey = "browser-api-key-52c9e1";

    protected override IEnumerable<KeyValuePair<string, string>> Settings => base.Settings.Append(new("Auth:ApiKeys:0", ApiKey));
}
