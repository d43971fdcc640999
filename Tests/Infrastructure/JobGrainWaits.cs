using OrleansNlp.Models;

namespace OrleansNlp.Tests.Infrastructure;

/// <summary>Waiting on a job grain directly (cluster tests), as <see cref="HttpAssertions"/> does through REST.</summary>
public static class JobGrainWaits
{
    /// <summary>Polls the job until it is completed, failed or cancelled, and returns that snapshot.</summary>
    public static async Task<JobSnapshot> UntilFinalAsync(this IJobGrain job, string what = "the job to finish", TimeSpan? timeout = null) =>
        (await Wait.UntilAsync(job.GetStatusAsync, s => s?.Status.IsFinal() == true, timeout ?? HttpAssertions.JobPatience, what))!;
}
