namespace OrleansNlp;

/// <summary>The cluster's one job watchdog (key 0): on a reminder every Jobs:WatchdogPeriod it wakes unfinished jobs
/// (which resumes those whose silo died) and expires final jobs past their retention. One reminder for the cluster
/// replaces a reminder per job.</summary>
[Alias("OrleansNlp.IJobWatchdogGrain")]
public interface IJobWatchdogGrain : IGrainWithIntegerKey
{
    /// <summary>Registers the watchdog's reminder (idempotent; every silo calls it at start-up).</summary>
    [Alias("Start")]
    Task StartAsync();

    /// <summary>One pass: what the reminder runs. Returns how many jobs it woke and expired.</summary>
    [Alias("Sweep")]
    Task<(int Woken, int Expired)> SweepAsync();

    /// <summary>Wakes every unfinished job whatever its age: run when a silo has been declared dead, so that the jobs it
    /// held resume at once rather than at the next pass. Returns how many jobs it woke.</summary>
    [Alias("Recover")]
    Task<int> RecoverAsync();
}
