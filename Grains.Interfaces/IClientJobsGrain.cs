using System.Collections.Immutable;
using Orleans.Concurrency;
using OrleansNlp.Models;

namespace OrleansNlp;

/// <summary>The unfinished jobs of one client (keyed by <see cref="ClientStreams.KeyOf"/>): what a new watcher of the
/// client's stream gets as snapshots before the events. Jobs tell it when they start and end (one-way).</summary>
[Alias("OrleansNlp.IClientJobsGrain")]
public interface IClientJobsGrain : IGrainWithStringKey
{
    /// <summary>A job of this client was accepted (or reopened for a retry). One-way: the job never waits.</summary>
    [OneWay, Alias("JobStarted")]
    Task JobStartedAsync(string jobId);

    /// <summary>A job of this client ended or expired. One-way: the job never waits.</summary>
    [OneWay, Alias("JobEnded")]
    Task JobEndedAsync(string jobId);

    /// <summary>The snapshots of the client's unfinished jobs, oldest first. Jobs found final or gone (a lost message)
    /// are forgotten on the way.</summary>
    [Alias("GetRunning")]
    Task<ImmutableArray<JobSnapshot>> GetRunningAsync();
}
