using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using OrleansNlp.Clients;
using OrleansNlp.Models;

namespace OrleansNlp;

/// <summary>
/// The unfinished jobs of one client (owner + clientId). Jobs tell it one-way when they start and end; a watcher that
/// subscribes to the client's stream reads it for the snapshots it gets first. Writes are gathered over
/// <see cref="WriteDelay"/> (a batch of a thousand jobs starts and ends within seconds); the state is deleted when no
/// job is left, so a client costs nothing in storage between its jobs.
/// </summary>
public sealed class ClientJobsGrain(
    [PersistentState(stateName: "client-jobs", storageName: StorageNames.Jobs)] IPersistentState<ClientJobsState> jobs,
    ILogger<ClientJobsGrain> logger) : Grain, IClientJobsGrain
{
    public static readonly TimeSpan WriteDelay = TimeSpan.FromMilliseconds(250);

    // A job held by a dying silo would otherwise hold up every new watcher for Orleans' 30 s call timeout.
    private static readonly TimeSpan ReadBudget = TimeSpan.FromSeconds(5);

    private IGrainTimer? _writeTimer;
    private bool _dirty;

    private string Key => this.GetPrimaryKeyString();

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_dirty)
        {
            await WriteAsync();
        }
    }

    public Task JobStartedAsync(string jobId)
    {
        if (jobs.State.Add(jobId))
        {
            MarkDirty();
        }

        return Task.CompletedTask;
    }

    public Task JobEndedAsync(string jobId)
    {
        if (jobs.State.Remove(jobId))
        {
            MarkDirty();
        }

        return Task.CompletedTask;
    }

    public async Task<ImmutableArray<JobSnapshot>> GetRunningAsync()
    {
        var ids = jobs.State.JobIds.ToArray();
        var snapshots = await Task.WhenAll(ids.Select(ReadAsync));
        var running = ImmutableArray.CreateBuilder<JobSnapshot>();
        for (var i = 0; i < ids.Length; i++)
        {
            switch (snapshots[i])
            {
                case (true, { } snapshot) when !snapshot.Status.IsFinal():
                    running.Add(snapshot);
                    break;
                case (true, _):
                    // Final or gone: its "ended" was lost (or is still on its way).
                    if (jobs.State.Remove(ids[i]))
                    {
                        MarkDirty();
                    }

                    break;
            }
        }

        return running.ToImmutable();
    }

    /// <summary>The job's snapshot; Answered false when it did not answer in time (it stays listed).</summary>
    private async Task<(bool Answered, JobSnapshot? Snapshot)> ReadAsync(string jobId)
    {
        try
        {
            return (true, await GrainFactory.Reference<IJobGrain>(jobId).GetStatusAsync().WaitAsync(ReadBudget));
        }
        catch (Exception exception) when (exception is TimeoutException or OrleansException)
        {
            logger.LogWarning(exception, "Client {Client} could not read its job {JobId}; it stays listed", Key, jobId);
            return (false, null);
        }
    }

    private void MarkDirty()
    {
        _dirty = true;
        _writeTimer ??= this.RegisterGrainTimer(WriteAsync, new GrainTimerCreationOptions(WriteDelay, Timeout.InfiniteTimeSpan));
    }

    private async Task WriteAsync()
    {
        _writeTimer?.Dispose();
        _writeTimer = null;
        _dirty = false;
        try
        {
            if (jobs.State.JobIds.Count > 0)
            {
                await jobs.WriteStateAsync();
            }
            else if (jobs.RecordExists)
            {
                await jobs.ClearStateAsync();
            }
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "Client {Client} could not store its unfinished jobs; trying again", Key);
            MarkDirty();
        }
    }
}
