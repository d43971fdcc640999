using Orleans.Runtime;

namespace OrleansNlp;

/// <summary>The one place that names a client's progress stream and its <see cref="IClientJobsGrain"/>: every job with
/// a clientId publishes its progress events on it too, the relay subscribes. The key holds the owner (the API key's
/// owner id, none when keys are off), so two owners using the same clientId never share a stream.</summary>
public static class ClientStreams
{
    public const string ProviderName = JobStreams.ProviderName;
    public const string Namespace = "client-progress";

    /// <summary>"clientId" without an owner, "owner/clientId" with one: a clientId holds no '/', so keys never collide.</summary>
    public static string KeyOf(string? owner, string clientId) => owner is null ? clientId : $"{owner}/{clientId}";

    public static StreamId ForClient(string? owner, string clientId) => ForKey(KeyOf(owner, clientId));

    public static StreamId ForKey(string key) => StreamId.Create(Namespace, key);
}
