using Orleans.Concurrency;
using OrleansNlp.Index;
using OrleansNlp.Models;

namespace OrleansNlp;

/// <summary>Lists jobs by status from the silo's index store.</summary>
[StatelessWorker]
public sealed class JobIndexGrain(IJobIndex index) : Grain, IJobIndexGrain
{
    public Task<JobPage> ListAsync(JobStatus status, int limit, string? cursor, string? owner) => index.ListAsync(status, owner, limit, cursor);
}
