using Orleans.Streams;
using OrleansNlp.Models;

namespace OrleansNlp.WebFrontend.Live;

/// <summary>Adapts one client's Orleans stream to the <see cref="ClientProgressRelay"/>.</summary>
public sealed class ClientStreamObserver(ClientProgressRelay relay, string key) : IAsyncObserver<JobProgressEvent>
{
    public Task OnNextAsync(JobProgressEvent item, StreamSequenceToken? token = null) => relay.OnProgressAsync(key, item);

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex) => relay.OnStreamErrorAsync(key, ex);
}
