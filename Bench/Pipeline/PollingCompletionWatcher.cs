using System.Collections.Concurrent;
using System.Diagnostics;
using OrleansNlp.Models;

namespace OrleansNlp.Bench.Pipeline;

/// <summary>Polls accepted jobs oldest first with <c>GET /api/jobs/{id}</c>, one request at a time and at most
/// <c>requestsPerSecond</c>: the oldest unfinished job is asked again until it has finished, then the next one. Each
/// finished job costs one GET, which also brings its final snapshot. Confirms at most <c>requestsPerSecond</c> jobs a
/// second, so for throughput runs above that use <see cref="MetricsCompletionWatcher"/>.</summary>
public sealed class PollingCompletionWatcher(JobSnapshots snapshots, double requestsPerSecond) : ICompletionWatcher
{
    private readonly ConcurrentQueue<string> _pending = new();
    private readonly ConcurrentDictionary<string, FinalJob> _finished = new(StringComparer.Ordinal);

    public string Mode => "poll";

    public IReadOnlyDictionary<string, FinalJob> Finished => _finished;

    public long Requests { get; private set; }

    public void Accepted(string jobId) => _pending.Enqueue(jobId);

    public Task StartAsync(CancellationToken ct) => Task.CompletedTask;

    public async Task<bool> WaitAsync(Task<SubmitResult> submitting, TimeSpan timeout, CancellationToken ct)
    {
        var interval = TimeSpan.FromSeconds(1 / requestsPerSecond);
        var clock = Stopwatch.StartNew();
        var next = TimeSpan.Zero;
        var lastReport = TimeSpan.Zero;
        TimeSpan? deadline = null;
        while (true)
        {
            if (submitting.IsFaulted)
            {
                await submitting;
            }

            if (submitting.IsCompleted)
            {
                deadline ??= clock.Elapsed + timeout;
                if (_pending.IsEmpty)
                {
                    return true;
                }

                if (clock.Elapsed > deadline)
                {
                    Console.Error.WriteLine($"  timed out: {_pending.Count} accepted jobs not finished");
                    return false;
                }
            }

            if (!_pending.TryPeek(out var jobId))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Max(interval.TotalMilliseconds, 10)), ct);
                continue;
            }

            // Pace the requests; after a stall start again from now rather than catching up with a burst.
            next = next < clock.Elapsed - interval ? clock.Elapsed : next;
            if (next - clock.Elapsed is { TotalMilliseconds: > 1 } wait)
            {
                await Task.Delay(wait, ct);
            }

            next += interval;

            Requests++;
            var job = await snapshots.GetAsync(jobId, ct);
            if (job is null || job.Status.IsFinal())
            {
                if (job is not null)
                {
                    _finished[jobId] = FinalJob.From(job);
                }

                _pending.TryDequeue(out _);
            }

            if (clock.Elapsed - lastReport >= TimeSpan.FromSeconds(5))
            {
                lastReport = clock.Elapsed;
                Console.Error.WriteLine(FormattableString.Invariant($"  {clock.Elapsed.TotalSeconds:0}s: {_finished.Count} jobs finished, {_pending.Count} waiting"));
            }
        }
    }
}
