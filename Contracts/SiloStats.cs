namespace OrleansNlp.Contracts;

/// <summary>A silo of the cluster as its membership lists it (a dead one while it is recent, up to an hour).
/// <see cref="Status"/> is Orleans' membership status in lowercase: active, joining, shuttingdown, stopping, dead.
/// <see cref="Jobs"/>, <see cref="Llm"/> and <see cref="Throughput"/> are null when the silo is not active or did not
/// answer within 2 s.</summary>
/// <param name="Address">The silo's address, as jobs name it in <c>ranOn</c>.</param>
public sealed record SiloStats(
    string Address,
    string Name,
    string HostName,
    string Status,
    DateTime StartedAt,
    SiloJobs? Jobs,
    SiloLlmCapacity? Llm,
    Throughput? Throughput);
