using Microsoft.Extensions.Logging;
using OrleansNlp.Models;

namespace OrleansNlp.Clients;

/// <summary>How a job with a clientId tells its client's <see cref="IClientJobsGrain"/> that it started or ended: a
/// one-way call that never fails the job and never makes it wait. A lost "ended" costs nothing lasting: the client
/// grain forgets jobs it finds final or gone, and the job tells again when it expires.</summary>
public static class ClientLink
{
    public static void Tell(IGrainFactory grains, string jobId, JobRequest? request, bool ended, ILogger logger)
    {
        if (request?.ClientId is not { } clientId)
        {
            return;
        }

        try
        {
            var client = grains.Reference<IClientJobsGrain>(ClientStreams.KeyOf(request.Owner, clientId));
            _ = ended ? client.JobEndedAsync(jobId) : client.JobStartedAsync(jobId);
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "Job {JobId} could not tell client {ClientId} about its change", jobId, clientId);
        }
    }
}
