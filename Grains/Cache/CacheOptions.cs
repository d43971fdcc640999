namespace OrleansNlp.Cache;

/// <summary>Result cache settings, bound from the "Cache" configuration section.</summary>
public sealed class CacheOptions
{
    public const string SectionName = "Cache";

    /// <summary>Off: every job runs both stages and nothing is stored.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How long a result stays cached (Redis key expiry; also applied in memory).</summary>
    public TimeSpan Ttl { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Most entries the in-memory cache (embedded mode) keeps; Redis is bounded by the TTL and its own memory policy.</summary>
    public int MaxEntries { get; set; } = 10_000;
}
