using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansNlp.Index;
using OrleansNlp.Models;

namespace OrleansNlp;

/// <summary>
/// Wakes every unfinished job older than one watchdog period, and every final job older than the retention time, from
/// the status index. Waking is cheap for a job that runs (an interleaved call), resumes one whose silo died (its new
/// activation finds it unfinished), and deletes a final job whose retention is over. Index entries of jobs that no
/// longer exist are removed.
/// </summary>
public sealed class JobWatchdogGrain(IJobIndex index, IGrainFactory grains, IOptions<JobOptions> options, ILogger<JobWatchdogGrain> logger)
    : Grain, IJobWatchdogGrain, IRemindable
{
    private const string ReminderName = "watchdog";
    private const int Batch = 500;
    private const int Parallel = 64;

    private readonly JobOptions _options = options.Value;

    public async Task StartAsync() =>
        await this.RegisterOrUpdateReminder(ReminderName, _options.WatchdogPeriod, _options.WatchdogPeriod);

    public async Task ReceiveReminder(string reminderName, TickStatus status) => await SweepAsync();

    public async Task<(int Woken, int Expired)> SweepAsync()
    {
        var now = DateTime.UtcNow;
        var woken = 0;
        foreach (var status in new[] { JobStatus.Pending, JobStatus.Processing })
        {
            woken += await SweepAsync(status, now - _options.WatchdogPeriod);
        }

        var expired = 0;
        foreach (var status in new[] { JobStatus.Completed, JobStatus.Failed, JobStatus.Cancelled })
        {
            // Retention counts from completion, which comes after creation: these are the only candidates.
            expired += await SweepAsync(status, now - _options.Retention);
        }

        if (woken + expired > 0)
        {
            logger.LogInformation("Watchdog woke {Woken} unfinished and {Expired} expiring jobs", woken, expired);
        }

        return (woken, expired);
    }

    public async Task<int> RecoverAsync()
    {
        var now = DateTime.UtcNow;
        var woken = await SweepAsync(JobStatus.Pending, now) + await SweepAsync(JobStatus.Processing, now);
        logger.LogInformation("Watchdog woke {Woken} unfinished jobs after a silo was declared dead", woken);
        return woken;
    }

    /// <summary>Wakes every job listed under <paramref name="status"/> created before <paramref name="createdBefore"/>,
    /// a page at a time from the oldest; a job that stays (not due yet) never stops the pass.</summary>
    private async Task<int> SweepAsync(JobStatus status, DateTime createdBefore)
    {
        var woken = 0;
        var seen = new HashSet<string>();
        long? from = null;
        while (true)
        {
            // The page starts at the last creation time seen (inclusive): entries sharing it are told apart by id.
            var page = await index.CreatedBeforeAsync(status, createdBefore, Batch, from);
            var fresh = page.Where(entry => seen.Add(entry.JobId)).Select(entry => entry.JobId).ToArray();
            if (fresh.Length == 0)
            {
                return woken;
            }

            woken += await WakeAllAsync(fresh, status);
            from = page[^1].CreatedTicks;
        }
    }

    private async Task<int> WakeAllAsync(IReadOnlyList<string> jobIds, JobStatus status)
    {
        var count = 0;
        // The loop's bodies may run outside the activation's turns, hence the injected factory rather than the activation's.
        await System.Threading.Tasks.Parallel.ForEachAsync(jobIds, new ParallelOptions { MaxDegreeOfParallelism = Parallel }, async (jobId, _) =>
        {
            try
            {
                if (!await grains.Reference<IJobGrain>(jobId).WakeAsync(status))
                {
                    // Expired meanwhile, or never stored (the index entry is written before the job): drop the entry.
                    await index.RemoveAsync(jobId, owner: null);
                }

                Interlocked.Increment(ref count);
            }
            catch (Exception exception)
            {
                logger.LogWarning(exception, "Watchdog could not wake {Status} job {JobId}; the next pass tries again", status, jobId);
            }
        });
        return count;
    }
}
