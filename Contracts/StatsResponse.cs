namespace OrleansNlp.Contracts;

/// <summary>The operations view (GET /api/stats). With <see cref="StatsScope.Cluster"/> every field is set; with
/// <see cref="StatsScope.Owner"/> (a key without admin rights) only <see cref="Jobs"/>, counting the caller's own jobs,
/// and the cluster-wide fields are null.</summary>
public sealed record StatsResponse(
    StatsScope Scope,
    DateTime GeneratedAt,
    JobCounts Jobs,
    Throughput? Throughput,
    StageQueues? Queues,
    IReadOnlyList<SiloStats>? Silos);
