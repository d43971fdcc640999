using Microsoft.Extensions.Logging;

namespace OrleansNlp.Jobs;

/// <summary>The job's one reminder: a watchdog at <c>Jobs:WatchdogPeriod</c> while the job runs or owes a webhook (it
/// restarts an interrupted pipeline), then a timer to the job's expiry.</summary>
public sealed class JobReminder(Grain grain, string jobId, JobOptions options, ILogger logger)
{
    public const string Name = "lifecycle";

    public Task WatchAsync() => grain.RegisterOrUpdateReminder(Name, options.WatchdogPeriod, options.WatchdogPeriod);

    /// <summary>Watches while a webhook is owed, else fires at <paramref name="expiresAt"/>. Never throws: the watchdog
    /// keeps ticking, and its next tick schedules again.</summary>
    public async Task ScheduleAsync(bool owesWebhook, DateTime? expiresAt)
    {
        try
        {
            if (owesWebhook)
            {
                await WatchAsync();
                return;
            }

            var period = options.Retention > options.WatchdogPeriod ? options.Retention : options.WatchdogPeriod;
            var due = expiresAt is { } expiry ? expiry - DateTime.UtcNow : options.Retention;
            await grain.RegisterOrUpdateReminder(Name, due > TimeSpan.FromSeconds(1) ? due : TimeSpan.FromSeconds(1), period);
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "Job {JobId} could not schedule its expiry", jobId);
        }
    }

    public async Task StopAsync()
    {
        try
        {
            if (await grain.GetReminder(Name) is { } reminder)
            {
                await grain.UnregisterReminder(reminder);
            }
        }
        catch (Exception exception)
        {
            // A leftover reminder is harmless: its next tick finds no job and unregisters again.
            logger.LogWarning(exception, "Job {JobId} could not unregister its reminder", jobId);
        }
    }
}
