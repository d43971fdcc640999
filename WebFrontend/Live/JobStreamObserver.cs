using Orleans.Streams;
using OrleansNlp.Models;

namespace OrleansNlp.WebFrontend.Live;

/// <summary>Adapts a job's Orleans stream to the relay.</summary>
public sealed class JobStreamObserver(JobProgressRelay relay, string jobId) : IAsyncObserver<JobProgressEvent>
{
    public Task OnNextAsync(JobProgressEvent item, StreamSequenceToken? token = null) => relay.OnProgressAsync(jobId, item);

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex) => relay.OnStreamErrorAsync(jobId, ex);
}
