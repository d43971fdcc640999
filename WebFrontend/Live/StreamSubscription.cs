using Orleans.Streams;

namespace OrleansNlp.WebFrontend.Live;

/// <summary>A stream subscription that unsubscribes when disposed.</summary>
public sealed class StreamSubscription<TEvent>(StreamSubscriptionHandle<TEvent> handle) : IAsyncDisposable
{
    public async ValueTask DisposeAsync() => await handle.UnsubscribeAsync();
}
