using Microsoft.Extensions.Logging;
using OrleansNlp.Webhooks;

namespace OrleansNlp.Jobs;

/// <summary>One job's webhook: a delivery round through the <see cref="WebhookDispatcher"/>, its outcome recorded through
/// <paramref name="apply"/> (a <see cref="JobState.RecordWebhook"/> move), and the <see cref="JobReminder"/> that
/// retries a failed round later. Runs on the job grain's scheduler.</summary>
public sealed class JobWebhook(
    string jobId,
    WebhookDispatcher dispatcher,
    JobReminder reminder,
    Func<JobState> state,
    Func<Func<JobState, JobChange?>, Task<bool>> apply,
    ILogger logger)
{
    public JobReminder Reminder => reminder;

    /// <summary>The final snapshot still has to be delivered.</summary>
    public bool IsOwed => state().OwesWebhook(dispatcher.MaxAttempts);

    public async Task DeliverAsync(CancellationToken deactivating)
    {
        await Task.Yield();
        try
        {
            // Watched from the start: a crash or shutdown mid-round must not leave the delivery to the retention sweep.
            await reminder.WatchAsync();
            var job = state();
            var outcome = await dispatcher.DeliverAsync(job.ToSnapshot(jobId), job.Request!.CallbackUrl!, job.WebhookAttempts, deactivating);
            await apply(s => s.RecordWebhook(outcome, dispatcher.MaxAttempts, DateTime.UtcNow));
            await (IsOwed ? reminder.WatchAsync() : reminder.StopAsync());
        }
        catch (Exception exception) when (exception is OperationCanceledException or JobStoreUnavailableException)
        {
            // Deactivating, or the outcome could not be recorded: the reminder delivers again later.
            logger.LogDebug("Job {JobId} left its webhook to the reminder: {Reason}", jobId, exception.Message);
        }
    }
}
