using Microsoft.Extensions.Logging;

namespace OrleansNlp.Jobs;

/// <summary>The reminder a job keeps only while it owes a webhook whose quick retries failed: it retries the delivery
/// every <c>Jobs:WatchdogPeriod</c> until it is delivered or given up. Registering and unregistering cost Redis round
/// trips, so a job that never needed it never touches it.</summary>
public sealed class JobReminder(Grain grain, string jobId, JobOptions options, ILogger logger)
{
    public const string Name = "webhook";

    /// <summary>Whether this activation registered the reminder or was woken by it.</summary>
    public bool Registered { get; set; }

    public async Task WatchAsync()
    {
        try
        {
            await grain.RegisterOrUpdateReminder(Name, options.WatchdogPeriod, options.WatchdogPeriod);
            Registered = true;
        }
        catch (Exception exception)
        {
            // The watchdog still finds the job when its retention ends, and delivers the webhook then.
            logger.LogWarning(exception, "Job {JobId} could not register its webhook reminder", jobId);
        }
    }

    public async Task StopAsync()
    {
        if (!Registered)
        {
            return;
        }

        try
        {
            if (await grain.GetReminder(Name) is { } reminder)
            {
                await grain.UnregisterReminder(reminder);
            }

            Registered = false;
        }
        catch (Exception exception)
        {
            // A leftover reminder is harmless: its next tick finds nothing owed and unregisters again.
            logger.LogWarning(exception, "Job {JobId} could not unregister its reminder", jobId);
        }
    }
}
