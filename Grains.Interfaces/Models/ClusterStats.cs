namespace OrleansNlp.Models;

/// <summary>The figures behind GET /api/stats. <see cref="Owner"/> null: the whole cluster (job counts, throughput,
/// jobs per stage, silos); else only that owner's job counts, and the cluster-wide parts are null.</summary>
[GenerateSerializer, Immutable, Alias("OrleansNlp.ClusterStats")]
public sealed record ClusterStats(
    [property: Id(0)] string? Owner,
    [property: Id(1)] DateTime GeneratedAt,
    [property: Id(2)] JobCounts Jobs,
    [property: Id(3)] CompletionSeries? Completions = null,
    [property: Id(4)] StageOccupancyCounts? Stages = null,
    [property: Id(5)] IReadOnlyList<SiloSummary>? Silos = null);
