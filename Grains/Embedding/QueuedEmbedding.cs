namespace OrleansNlp.Embedding;

/// <summary>One tokenized text waiting in <see cref="EmbeddingBatcher"/>'s queue; its task completes with the vector,
/// or is cancelled as soon as the caller's token fires, even while queued.</summary>
internal sealed class QueuedEmbedding : TaskCompletionSource<float[]>
{
    private readonly CancellationTokenRegistration registration;

    public QueuedEmbedding(int[] tokenIds, bool endsCall, CancellationToken cancellationToken)
        : base(CallerHasItsOwnScheduler ? TaskCreationOptions.None : TaskCreationOptions.RunContinuationsAsynchronously)
    {
        TokenIds = tokenIds;
        EndsCall = endsCall;
        if (cancellationToken.CanBeCanceled)
        {
            registration = cancellationToken.UnsafeRegister(
                static (state, token) => ((QueuedEmbedding)state!).TrySetCanceled(token), this);
        }
    }

    public int[] TokenIds { get; }

    /// <summary>The last text of a caller's request (a request of several texts queues them one after the other): the
    /// batcher counts callers by it, so it waits for a request's last text rather than run part of it.</summary>
    public bool EndsCall { get; }

    /// <summary>A grain (or any caller with a scheduler or context of its own) gets its continuation queued there when
    /// the batcher completes the task, so it never runs on the batcher's thread and needs no extra thread-pool hop.
    /// Other callers' continuations are sent to the thread pool instead of running inline on the batcher's thread.</summary>
    private static bool CallerHasItsOwnScheduler =>
        TaskScheduler.Current != TaskScheduler.Default || SynchronizationContext.Current is not null;

    /// <summary>Cancelled (or otherwise finished) before its batch ran: the batcher skips it.</summary>
    public bool IsAbandoned => Task.IsCompleted;

    /// <summary>This text's share of its batch's inference time (set before the task completes): what embedding it
    /// again would cost, as opposed to the time it waited in the queue.</summary>
    public TimeSpan WorkTime { get; private set; }

    public void Complete(float[] vector, TimeSpan workTime)
    {
        registration.Unregister();
        WorkTime = workTime;
        TrySetResult(vector);
    }

    public void Fail(Exception exception)
    {
        registration.Unregister();
        TrySetException(exception);
    }
}
