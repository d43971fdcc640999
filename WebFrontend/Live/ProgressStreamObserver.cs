using Orleans.Streams;

namespace OrleansNlp.WebFrontend.Live;

/// <summary>Adapts one job's or batch's Orleans stream to its relay.</summary>
public sealed class ProgressStreamObserver<TEvent, TWire>(ProgressRelay<TEvent, TWire> relay, string id) : IAsyncObserver<TEvent>
    where TEvent : class
{
    public Task OnNextAsync(TEvent item, StreamSequenceToken? token = null) => relay.OnProgressAsync(id, item);

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex) => relay.OnStreamErrorAsync(id, ex);
}
