using Microsoft.Extensions.Hosting;

namespace OrleansNlp.Analysis;

/// <summary>Resolves the <see cref="ILanguageDetector"/> when the silo starts, which starts the Lingua build on the
/// thread pool, so that the first job does not pay for it. Start-up does not wait for the build.</summary>
internal sealed class LanguageDetectorWarmup(ILanguageDetector detector) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = detector;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
