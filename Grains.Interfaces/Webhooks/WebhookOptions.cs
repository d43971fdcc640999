namespace OrleansNlp.Webhooks;

/// <summary>Webhook settings, bound from "Webhooks" (env Webhooks__AllowedHosts__0=..., Webhooks__Secret=...).</summary>
public sealed class WebhookOptions
{
    public const string SectionName = "Webhooks";
    public const string SignatureHeader = "X-OrleansNlp-Signature";
    public const string TimestampHeader = "X-OrleansNlp-Timestamp";
    public const string JobIdHeader = "X-OrleansNlp-Job-Id";

    /// <summary>Longest callbackUrl accepted, in characters.</summary>
    public const int MaxCallbackUrlLength = 2048;

    /// <summary>The ports a callbackUrl may use when <see cref="AllowedPorts"/> is empty.</summary>
    public static readonly IReadOnlyList<int> DefaultPorts = [80, 443];

    /// <summary>Hosts a callbackUrl may point at ("hooks.example.com", or "*.example.com" for subdomains).
    /// Empty: webhooks are off and any callbackUrl is refused, so the service cannot be aimed at internal addresses.</summary>
    public List<string> AllowedHosts { get; set; } = [];

    /// <summary>Ports a callbackUrl may use, checked at submit and again when connecting.
    /// Empty (the default): <see cref="DefaultPorts"/>, 80 and 443. (Empty rather than pre-filled because binding
    /// a configured list appends to the existing one.)</summary>
    public List<int> AllowedPorts { get; set; } = [];

    /// <summary>Whether deliveries may connect to loopback, private (RFC 1918, CGNAT), link-local, unique-local,
    /// multicast and other non-public addresses. Off: an allowed name resolving to such an address is refused when
    /// connecting. Cloud-metadata addresses are refused either way.</summary>
    public bool AllowPrivateNetworks { get; set; }

    /// <summary>Key of the HMAC-SHA256 signature sent in <see cref="SignatureHeader"/>.</summary>
    public string? Secret { get; set; }

    /// <summary>Delivery attempts before giving up (across restarts).</summary>
    public int MaxAttempts { get; set; } = 10;

    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Whether a delivery may connect to <paramref name="port"/>: one of <see cref="AllowedPorts"/>, or of
    /// <see cref="DefaultPorts"/> when none are configured.</summary>
    public bool IsPortAllowed(int port) => (AllowedPorts.Count == 0 ? DefaultPorts : AllowedPorts).Contains(port);

    /// <summary>Whether <see cref="Check"/> accepts <paramref name="url"/> (host, port, length, form).</summary>
    public bool IsAllowed(Uri url) => Check(url.OriginalString) is null;

    /// <summary>Why <paramref name="callbackUrl"/> may not be used, or null when it may. The one check of both the
    /// frontend (at submit) and the silo (before each delivery). <c>Category</c> is short and says nothing about the
    /// network ("port not allowed"): it is what <c>webhook.lastError</c> shows after "blocked: ". <c>Message</c>
    /// explains the refusal to the submitter.</summary>
    public (string Category, string Message)? Check(string? callbackUrl)
    {
        if (AllowedHosts.Count == 0)
        {
            return ("webhooks disabled", "Webhooks are not enabled on this service (no allowed hosts are configured).");
        }

        if (callbackUrl is { Length: > MaxCallbackUrlLength })
        {
            return ("url too long", $"The callbackUrl is longer than {MaxCallbackUrlLength} characters.");
        }

        if (!Uri.TryCreate(callbackUrl, UriKind.Absolute, out var url)
            || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps) || !string.IsNullOrEmpty(url.UserInfo))
        {
            return ("invalid url", "The callbackUrl must be an absolute http(s) URL without user info.");
        }

        if (!AllowedHosts.Any(host => host.StartsWith("*.", StringComparison.Ordinal)
                ? url.Host.EndsWith(host[1..], StringComparison.OrdinalIgnoreCase)
                : string.Equals(url.Host, host, StringComparison.OrdinalIgnoreCase)))
        {
            return ("host not allowed", "The callbackUrl's host is not on the allow-list.");
        }

        if (!IsPortAllowed(url.Port))
        {
            return ("port not allowed",
                $"The callbackUrl's port {url.Port} is not allowed; allowed ports: {string.Join(", ", AllowedPorts.Count == 0 ? DefaultPorts : AllowedPorts)}.");
        }

        return null;
    }
}
