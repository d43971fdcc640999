namespace OrleansNlp.WebFrontend.Security;

/// <summary>Rate limits, bound from "RateLimiting" (env RateLimiting__PermitLimit=...). Read at start-up.</summary>
public sealed class RateLimitingOptions
{
    public const string SectionName = "RateLimiting";

    /// <summary>Submissions allowed per client (its owner id with keys on, else its address) and window (default 1000).</summary>
    public int PermitLimit { get; set; } = 1000;

    /// <summary>Window length in seconds (default 1), for both submission limits.</summary>
    public int WindowSeconds { get; set; } = 1;

    /// <summary>Submissions allowed per client address and window, whatever keys it uses; 0 (default) turns it off.</summary>
    public int PerAddressPermitLimit { get; set; }

    /// <summary>Wrong API keys allowed per client address and failure window (default 10); 0 turns the limit off.</summary>
    public int AuthFailurePermitLimit { get; set; } = 10;

    /// <summary>Length of the failure window in seconds (default 60).</summary>
    public int AuthFailureWindowSeconds { get; set; } = 60;
}
