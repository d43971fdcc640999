namespace OrleansNlp.Jobs;

/// <summary>The work of one stage attempt inside a worker: its token fires when the job cancels the attempt or when
/// the attempt's time limit passes.</summary>
public sealed class StageWork : IDisposable
{
    private readonly CancellationToken _jobToken;
    private readonly CancellationTokenSource? _source;
    private readonly TimeSpan? _timeLimit;

    public StageWork(CancellationToken jobToken, TimeSpan? timeLimit)
    {
        _jobToken = jobToken;
        _timeLimit = timeLimit;
        if (timeLimit is { } limit)
        {
            _source = CancellationTokenSource.CreateLinkedTokenSource(jobToken);
            _source.CancelAfter(limit);
        }
    }

    public CancellationToken Token => _source?.Token ?? _jobToken;

    /// <summary>The time limit fired, not the job.</summary>
    public bool TimedOut => _source is { IsCancellationRequested: true } && !_jobToken.IsCancellationRequested;

    /// <summary>Runs the work; running over the time limit becomes a transient failure (the job retries it).</summary>
    public async Task<T> RunAsync<T, TState>(Func<TState, CancellationToken, Task<T>> work, TState state, string stageName)
    {
        _jobToken.ThrowIfCancellationRequested();
        try
        {
            return await work(state, Token);
        }
        catch (OperationCanceledException) when (TimedOut)
        {
            throw new TransientStageException($"The {stageName} stage did not finish within its time limit of {_timeLimit}.");
        }
    }

    public void Dispose() => _source?.Dispose();
}
