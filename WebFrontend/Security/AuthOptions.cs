namespace OrleansNlp.WebFrontend.Security;

/// <summary>API keys, bound from "Auth". No keys at all: authentication is off and every caller is anonymous.
/// <list type="bullet">
/// <item><c>Auth:ApiKeys</c> (env <c>Auth__ApiKeys__0</c>): unnamed keys; the owner id is <c>key:</c> + the first 16 hex
/// digits of the key's SHA-256.</item>
/// <item><c>Auth:Keys:{name}:Key</c> (env <c>Auth__Keys__reporting__Key</c>): named keys; the owner id is the name.</item>
/// <item><c>Auth:AdminKeys</c> (env <c>Auth__AdminKeys__0</c>): unnamed keys with the admin role.</item>
/// </list></summary>
public sealed class AuthOptions
{
    public const string SectionName = "Auth";

    public List<string> ApiKeys { get; set; } = [];

    public Dictionary<string, NamedApiKey> Keys { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public List<string> AdminKeys { get; set; } = [];
}
