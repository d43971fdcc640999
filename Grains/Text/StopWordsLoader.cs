using Microsoft.Extensions.Hosting;

namespace OrleansNlp.Text;

/// <summary>Loads the shipped stop word lists when the silo starts, so that a missing file fails start-up instead of a
/// job.</summary>
internal sealed class StopWordsLoader : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        StopWords.EnsureLoaded();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
