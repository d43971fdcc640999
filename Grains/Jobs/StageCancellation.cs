using System.Collections.Concurrent;

namespace OrleansNlp.Jobs;

/// <summary>
/// The cancellation tokens of stage attempts running on this silo, by job id. Orleans does not route a call's
/// cancellation to the right [StatelessWorker] activation, but a job's workers always run on the job's silo: the job
/// registers its attempt's token here (<see cref="Register"/>) and the worker starts its work with
/// <see cref="StartWork"/>, which links that token with the attempt's time limit. Both workers use only this.
/// </summary>
public sealed class StageCancellation
{
    private readonly ConcurrentDictionary<string, CancellationToken> _tokens = new();

    public IDisposable Register(string jobId, CancellationToken token)
    {
        _tokens[jobId] = token;
        return new Registration(this, jobId, token);
    }

    /// <summary>The token the job registered for its running attempt, or none.</summary>
    public CancellationToken TokenFor(string? jobId) =>
        jobId is not null && _tokens.TryGetValue(jobId, out var jobToken) ? jobToken : CancellationToken.None;

    /// <summary>The worker's token for the attempt's work, counted from now: cancelled when the job cancels the attempt or
    /// when <paramref name="timeLimit"/> passes. Use <see cref="StageWork.TimedOut"/> to tell the two apart.</summary>
    public StageWork StartWork(string? jobId, TimeSpan? timeLimit) => new(TokenFor(jobId), timeLimit);

    private sealed class Registration(StageCancellation owner, string jobId, CancellationToken token) : IDisposable
    {
        public void Dispose() => owner._tokens.TryRemove(new KeyValuePair<string, CancellationToken>(jobId, token));
    }
}
