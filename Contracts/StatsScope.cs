namespace OrleansNlp.Contracts;

/// <summary>What GET /api/stats covers: the whole cluster (an admin key, or keys off) or the caller's own jobs.</summary>
public enum StatsScope
{
    Cluster = 0,
    Owner = 1,
}
