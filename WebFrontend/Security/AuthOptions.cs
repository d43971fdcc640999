namespace OrleansNlp.WebFrontend.Security;

/// <summary>API keys, bound from "Auth" (env Auth__ApiKeys__0=...). No keys: authentication is off.</summary>
public sealed class AuthOptions
{
    public const string SectionName = "Auth";

    public List<string> ApiKeys { get; set; } = [];
}
