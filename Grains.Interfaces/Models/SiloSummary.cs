namespace OrleansNlp.Models;

/// <summary>A silo as the cluster's membership lists it, with its load when it answered (null when it is not active
/// or did not answer in time).</summary>
[GenerateSerializer, Immutable, Alias("OrleansNlp.SiloSummary")]
public sealed record SiloSummary(
    [property: Id(0)] string Address,
    [property: Id(1)] string Name,
    [property: Id(2)] string HostName,
    [property: Id(3)] string Status,
    [property: Id(4)] DateTime StartedAt,
    [property: Id(5)] SiloLoad? Load);
