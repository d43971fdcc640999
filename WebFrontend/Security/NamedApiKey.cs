namespace OrleansNlp.WebFrontend.Security;

/// <summary>A named API key (<c>Auth:Keys:{name}</c>): its jobs are owned by the name, so the key can be replaced
/// without its owner changing.</summary>
public sealed class NamedApiKey
{
    public string? Key { get; set; }

    /// <summary>Gives the key the admin role (default false).</summary>
    public bool Admin { get; set; }
}
