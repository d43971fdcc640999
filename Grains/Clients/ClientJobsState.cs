namespace OrleansNlp.Clients;

/// <summary>The unfinished jobs of one client, in the order they were told (stored under <see cref="StorageNames.Jobs"/>,
/// deleted when empty); never leaves the grain.</summary>
[GenerateSerializer, Alias("OrleansNlp.ClientJobsState")]
public sealed class ClientJobsState
{
    [Id(0)] public List<string> JobIds { get; private set; } = [];

    /// <summary>False when the job was already listed.</summary>
    public bool Add(string jobId)
    {
        if (JobIds.Contains(jobId))
        {
            return false;
        }

        JobIds.Add(jobId);
        return true;
    }

    /// <summary>False when the job was not listed.</summary>
    public bool Remove(string jobId) => JobIds.Remove(jobId);
}
