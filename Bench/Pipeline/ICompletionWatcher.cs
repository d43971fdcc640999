namespace OrleansNlp.Bench.Pipeline;

/// <summary>Tells when every accepted job has finished, at a bounded cost to the system under test.</summary>
public interface ICompletionWatcher
{
    /// <summary>"metrics" or "poll", for the report.</summary>
    string Mode { get; }

    /// <summary>Called by the submitter for each accepted job, in the order the answers arrive.</summary>
    void Accepted(string jobId);

    /// <summary>Reads where the system stands before a run (the metrics watcher's counter baseline).</summary>
    Task StartAsync(CancellationToken ct);

    /// <summary>Returns once <paramref name="submitting"/> has ended and every job it accepted has finished, or false when
    /// <paramref name="timeout"/> (counted from the end of submitting) passes first.</summary>
    Task<bool> WaitAsync(Task<SubmitResult> submitting, TimeSpan timeout, CancellationToken ct);

    /// <summary>The final snapshots this watcher already holds (the polling watcher reads them as it goes).</summary>
    IReadOnlyDictionary<string, FinalJob> Finished { get; }
}
