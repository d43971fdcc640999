using Orleans.Storage;
using OrleansNlp.Jobs;

namespace OrleansNlp.Tests.Infrastructure;

/// <summary>The jobs' grain storage behind <see cref="FaultInjection"/>: a job whose text holds [store:fail-final:N] has
/// its first write of a final state refused, once gate N opens.</summary>
public sealed class FaultInjectingGrainStorage(IGrainStorage inner) : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ReadStateAsync(stateName, grainId, grainState);

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (grainState.State is JobState { IsFinal: true, Request.Text: { } text })
        {
            await FaultInjection.BeforeFinalWriteAsync(text);
        }

        await inner.WriteStateAsync(stateName, grainId, grainState);
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ClearStateAsync(stateName, grainId, grainState);

    public void Participate(ISiloLifecycle lifecycle) => (inner as ILifecycleParticipant<ISiloLifecycle>)?.Participate(lifecycle);
}
