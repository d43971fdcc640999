namespace OrleansNlp.WebFrontend.Security;

/// <summary>Submission rate limit per client, bound from "RateLimiting" (env RateLimiting__PermitLimit=...).</summary>
public sealed class RateLimitingOptions
{
    public const string SectionName = "RateLimiting";

    /// <summary>Submissions allowed per client and window (default 1000).</summary>
    public int PermitLimit { get; set; } = 1000;

    /// <summary>Window length in seconds (default 1).</summary>
    public int WindowSeconds { get; set; } = 1;
}
