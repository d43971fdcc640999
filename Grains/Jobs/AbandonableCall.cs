namespace OrleansNlp.Jobs;

/// <summary>Stops waiting for a grain call when a token fires, for calls whose method takes no token of its own.</summary>
public static class AbandonableCall
{
    /// <summary>Like <see cref="Task{TResult}.WaitAsync(CancellationToken)"/>, but a call left behind still has its
    /// failure observed when it ends, so it never surfaces as an unobserved task exception.</summary>
    public static Task<T> WaitAsync<T>(Task<T> call, CancellationToken cancellationToken)
    {
        if (cancellationToken.CanBeCanceled && !call.IsCompleted)
        {
            call.ContinueWith(static task => _ = task.Exception, CancellationToken.None,
                TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        return call.WaitAsync(cancellationToken);
    }
}
