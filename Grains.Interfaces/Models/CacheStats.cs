namespace OrleansNlp.Models;

/// <summary>Result-cache figures: live entries, lookups that hit and missed since the last clear, and hits / lookups.</summary>
[GenerateSerializer, Immutable, Alias("OrleansNlp.CacheStats")]
public sealed record CacheStats(
    [property: Id(0)] long Entries,
    [property: Id(1)] long Hits,
    [property: Id(2)] long Misses,
    [property: Id(3)] double HitRate)
{
    public static CacheStats From(long entries, long hits, long misses) =>
        new(entries, hits, misses, hits + misses == 0 ? 0 : (double)hits / (hits + misses));
}
