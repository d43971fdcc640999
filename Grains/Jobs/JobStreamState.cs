using Microsoft.Extensions.Options;
using Orleans.Configuration;
using OrleansNlp.Hosting;

namespace OrleansNlp.Jobs;

/// <summary>What Orleans keeps about a job's progress stream outside the job: the stream's pub/sub state (its producer,
/// the queue's pulling agent, and any consumers). The pulling agent unregisters only at shutdown, so Orleans never
/// deletes it: the job deletes it when it expires.</summary>
public interface IJobStreamState
{
    Task DeleteAsync(string jobId);
}

/// <summary>Cluster mode: the pub/sub state is a hash in Redis (PubSubStore), one per job.</summary>
public sealed class RedisJobStreamState(RedisConnection redis, IOptions<ClusterOptions> cluster) : IJobStreamState
{
    private readonly string _prefix = $"{cluster.Value.ServiceId}/state/pubsubrendezvous/{JobStreams.ProviderName}/{JobStreams.Namespace}/";

    public async Task DeleteAsync(string jobId) =>
        await (await redis.GetDatabaseAsync()).KeyDeleteAsync($"{_prefix}{jobId}/PubSubRendezvousGrain");
}

/// <summary>Embedded mode: the pub/sub state lives in the silo's memory storage and goes with the process.</summary>
public sealed class InMemoryJobStreamState : IJobStreamState
{
    public Task DeleteAsync(string jobId) => Task.CompletedTask;
}
