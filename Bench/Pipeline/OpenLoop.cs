using System.Diagnostics;

namespace OrleansNlp.Bench.Pipeline;

/// <summary>An open-loop schedule: call <c>i</c> is due <c>i</c> / rate seconds after the start, whatever earlier calls
/// take, with at most <c>concurrency</c> calls unfinished; a full window delays the schedule, and how late the worst
/// start was is returned. Nothing is kept per call, so a schedule may be as long as a soak.</summary>
public static class OpenLoop
{
    /// <summary>Runs <paramref name="count"/> calls and returns once all have ended; the worst start's lateness in ms.
    /// The first exception a call throws is rethrown at the end.</summary>
    public static async Task<double> RunAsync(long count, double rate, int concurrency, Func<long, Task> call, CancellationToken ct)
    {
        using var window = new SemaphoreSlim(concurrency);
        var clock = Stopwatch.StartNew();
        double maxLateMs = 0;
        Exception? failure = null;
        for (long i = 0; i < count; i++)
        {
            var due = TimeSpan.FromSeconds(i / rate);
            if (due - clock.Elapsed is { TotalMilliseconds: > 1 } wait)
            {
                await Task.Delay(wait, ct);
            }

            await window.WaitAsync(ct);
            maxLateMs = Math.Max(maxLateMs, (clock.Elapsed - due).TotalMilliseconds);
            var index = i;
            _ = Task.Run(async () =>
            {
                try
                {
                    await call(index);
                }
                catch (Exception exception)
                {
                    Interlocked.CompareExchange(ref failure, exception, null);
                }
                finally
                {
                    window.Release();
                }
            }, CancellationToken.None);
        }

        // Every call has ended once the whole window is free again.
        for (var slot = 0; slot < concurrency; slot++)
        {
            await window.WaitAsync(ct);
        }

        return failure is null ? maxLateMs : throw new InvalidOperationException("A call of the open loop failed", failure);
    }
}
