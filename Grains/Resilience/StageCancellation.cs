using System.Collections.Concurrent;

namespace OrleansNlp.Resilience;

/// <summary>
/// The cancellation tokens of stage calls running on this silo, by job id. Orleans does not route a call's
/// cancellation to the right [StatelessWorker] activation, but a job's workers always run on the job's silo:
/// the job registers its token here and the worker links it with the one Orleans passes.
/// </summary>
public sealed class StageCancellation
{
    private readonly ConcurrentDictionary<string, CancellationToken> _tokens = new();

    public IDisposable Register(string jobId, CancellationToken token)
    {
        _tokens[jobId] = token;
        return new Registration(this, jobId, token);
    }

    /// <summary>The token the job registered for its running stage, or none.</summary>
    public CancellationToken TokenFor(string? jobId) =>
        jobId is not null && _tokens.TryGetValue(jobId, out var jobToken) ? jobToken : CancellationToken.None;

    /// <summary>A token cancelled when either the caller's token or the job's registered token is.</summary>
    public CancellationTokenSource Link(string? jobId, CancellationToken callToken) =>
        jobId is not null && _tokens.TryGetValue(jobId, out var jobToken)
            ? CancellationTokenSource.CreateLinkedTokenSource(callToken, jobToken)
            : CancellationTokenSource.CreateLinkedTokenSource(callToken);

    private sealed class Registration(StageCancellation owner, string jobId, CancellationToken token) : IDisposable
    {
        public void Dispose() => owner._tokens.TryRemove(new KeyValuePair<string, CancellationToken>(jobId, token));
    }
}
