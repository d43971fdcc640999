using Microsoft.Extensions.Logging;
using OrleansNlp.Models;

namespace OrleansNlp.Batches;

/// <summary>How a job of a batch tells its batch about a status change: a one-way call that never fails the job and
/// never makes it wait. A lost message costs nothing: the batch reads its unfinished jobs when it has heard nothing
/// for a while.</summary>
public static class BatchLink
{
    public static void Tell(IGrainFactory grains, JobRequest? request, JobSnapshot job, ILogger logger)
    {
        if (request?.BatchId is not { } batchId)
        {
            return;
        }

        try
        {
            _ = grains.Reference<IBatchGrain>(batchId).JobChangedAsync(BatchJobUpdate.Of(job));
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "Job {JobId} could not tell batch {BatchId} about its change", job.JobId, batchId);
        }
    }
}
