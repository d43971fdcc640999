namespace OrleansNlp;

/// <summary>The job could not be persisted because storage (Redis) is unreachable; nothing was accepted. Try again later.</summary>
[GenerateSerializer, Alias("OrleansNlp.JobStoreUnavailableException")]
public sealed class JobStoreUnavailableException(string message) : Exception(message);
