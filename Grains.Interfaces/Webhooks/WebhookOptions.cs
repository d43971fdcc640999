namespace OrleansNlp.Webhooks;

/// <summary>Webhook settings, bound from "Webhooks" (env Webhooks__AllowedHosts__0=..., Webhooks__Secret=...).</summary>
public sealed class WebhookOptions
{
    public const string SectionName = "Webhooks";
    public const string SignatureHeader = "X-OrleansNlp-Signature";
    public const string JobIdHeader = "X-OrleansNlp-Job-Id";

    /// <summary>Hosts a callbackUrl may point at ("hooks.example.com", or "*.example.com" for subdomains).
    /// Empty: webhooks are off and any callbackUrl is refused, so the service cannot be aimed at internal addresses.</summary>
    public List<string> AllowedHosts { get; set; } = [];

    /// <summary>Key of the HMAC-SHA256 signature sent in <see cref="SignatureHeader"/>.</summary>
    public string? Secret { get; set; }

    /// <summary>Delivery attempts before giving up (across restarts).</summary>
    public int MaxAttempts { get; set; } = 10;

    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    public bool IsAllowed(Uri url) =>
        url.IsAbsoluteUri && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps) && string.IsNullOrEmpty(url.UserInfo)
        && AllowedHosts.Any(host => host.StartsWith("*.", StringComparison.Ordinal)
            ? url.Host.EndsWith(host[1..], StringComparison.OrdinalIgnoreCase)
            : string.Equals(url.Host, host, StringComparison.OrdinalIgnoreCase));
}
