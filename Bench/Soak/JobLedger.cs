using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using OrleansNlp.Contracts;

namespace OrleansNlp.Bench.Soak;

/// <summary>
/// Follows every accepted job until its final snapshot has been read: one <c>GET /api/jobs/{id}</c> a few seconds after
/// acceptance (by then most jobs have ended and their activation is still in memory, so the read is cheap), again every
/// few seconds while a job is unfinished. Only jobs not yet seen final are held; final ones are counted. A job the
/// harness asked to cancel is remembered before the DELETE is sent, so a cancelled job that no one cancelled is told
/// apart however the answers interleave.
/// </summary>
public sealed class JobLedger(HttpClient http, Uri baseUrl, string? apiKey, TimeSpan readAfter)
{
    private const int Parallelism = 32;
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(200);

    private readonly ConcurrentQueue<(string JobId, long Due)> _due = new();
    private readonly ConcurrentDictionary<string, OpenJob> _open = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _cancelRequested = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _cancelAnswered = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, JobStatus> _finalOfCancelRequested = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _finals = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _lost = new();
    private readonly ConcurrentQueue<string> _expiredUnseen = new();
    private readonly ConcurrentQueue<string> _cancelledByNoOne = new();
    private long _accepted;
    private long _reads;
    private double? _retentionSeconds;

    public long Accepted => Interlocked.Read(ref _accepted);

    public long Reads => Interlocked.Read(ref _reads);

    /// <summary>Final statuses read, by status.</summary>
    public IReadOnlyDictionary<string, int> Finals => _finals;

    /// <summary>Accepted jobs not yet seen final, with the status last read ("unread" before the first read).</summary>
    public IEnumerable<KeyValuePair<string, string>> Open => _open.Select(pair => KeyValuePair.Create(pair.Key, pair.Value.LastSeen));

    public int OpenCount => _open.Count;

    /// <summary>Jobs that answered 404 before the retention had passed since they were accepted.</summary>
    public IReadOnlyCollection<string> Missing => _lost;

    /// <summary>Jobs that answered 404 when the retention had passed since they were accepted: they may have ended and
    /// expired before the harness read them (it fell behind), so their end is not seen; the silos' counters account
    /// for them.</summary>
    public IReadOnlyCollection<string> ExpiredUnseen => _expiredUnseen;

    /// <summary>Jobs that ended cancelled though the harness never asked to cancel them.</summary>
    public IReadOnlyCollection<string> CancelledByNoOne => _cancelledByNoOne;

    /// <summary>Jobs whose DELETE answered "cancelled" but whose final status is another.</summary>
    public IEnumerable<string> CancelNotKept => _cancelAnswered.Keys
        .Where(id => _finalOfCancelRequested.TryGetValue(id, out var status) && status != JobStatus.Cancelled);

    public int CancelRequested => _cancelRequested.Count;

    public int CancelAnswered => _cancelAnswered.Count;

    /// <summary>expiresAt − completedAt of a final job: the cluster's Jobs:Retention.</summary>
    public double? RetentionSeconds => _retentionSeconds;

    /// <summary>Answers to reads that were errors (5xx, transport), by kind.</summary>
    public ConcurrentDictionary<string, int> Errors { get; } = new(StringComparer.Ordinal);

    public void Add(string jobId)
    {
        Interlocked.Increment(ref _accepted);
        _open[jobId] = new OpenJob("unread", Stopwatch.GetTimestamp());
        _due.Enqueue((jobId, Stopwatch.GetTimestamp() + (long)(readAfter.TotalSeconds * Stopwatch.Frequency)));
    }

    /// <summary>Called before the DELETE is sent.</summary>
    public void CancelRequesting(string jobId) => _cancelRequested[jobId] = 0;

    /// <summary>The DELETE answered with the job cancelled.</summary>
    public void CancelConfirmed(string jobId) => _cancelAnswered[jobId] = 0;

    /// <summary>Reads due jobs until <paramref name="ct"/> is cancelled, at most <see cref="Parallelism"/> at a time; a
    /// slow read holds up only its own slot.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        using var slots = new SemaphoreSlim(Parallelism);
        using var timer = new PeriodicTimer(Tick);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                while (_due.TryPeek(out var next) && next.Due <= Stopwatch.GetTimestamp() && _due.TryDequeue(out next))
                {
                    await slots.WaitAsync(ct);
                    var jobId = next.JobId;
                    _ = Task.Run(async () =>
                    {
                        try
                        {
                            await ReadAsync(jobId, ct);
                        }
                        catch (Exception exception) when (exception is not OperationCanceledException)
                        {
                            Errors.AddOrUpdate("GET " + exception.GetType().Name, 1, (_, n) => n + 1);
                            ReadAgain(jobId);
                        }
                        finally
                        {
                            slots.Release();
                        }
                    }, CancellationToken.None);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    /// <summary>Waits until no accepted job is open, or <paramref name="timeout"/> passes; true when none is.</summary>
    public async Task<bool> WaitAllFinalAsync(TimeSpan timeout, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        using var timer = new PeriodicTimer(Tick);
        while (!_open.IsEmpty && clock.Elapsed < timeout && await timer.WaitForNextTickAsync(ct))
        {
        }

        return _open.IsEmpty;
    }

    private async Task ReadAsync(string jobId, CancellationToken ct)
    {
        Interlocked.Increment(ref _reads);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(baseUrl, "api/jobs/" + jobId));
        if (apiKey is not null)
        {
            request.Headers.Add("X-Api-Key", apiKey);
        }

        try
        {
            using var response = await http.SendAsync(request, ct);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                // Gone. Lost, unless it may have ended and expired before this read: that needs the retention to have
                // passed since it was accepted (it ended after that). Such a job is counted apart.
                _open.TryRemove(jobId, out var open);
                var age = Stopwatch.GetElapsedTime(open.AcceptedAt).TotalSeconds;
                (_retentionSeconds is { } retention && age >= retention ? _expiredUnseen : _lost).Enqueue(jobId);
                return;
            }

            if (response.StatusCode != HttpStatusCode.OK)
            {
                Errors.AddOrUpdate($"GET {(int)response.StatusCode}", 1, (_, n) => n + 1);
                ReadAgain(jobId);
                return;
            }

            var job = await response.Content.ReadFromJsonAsync<JobRead>(JsonDefaults.Options, ct)
                ?? throw new InvalidOperationException($"GET of job {jobId} answered null");
            if (!job.Status.IsFinal())
            {
                _open[jobId] = _open[jobId] with { LastSeen = job.Status.ToString().ToLowerInvariant() };
                ReadAgain(jobId);
                return;
            }

            _open.TryRemove(jobId, out _);
            _finals.AddOrUpdate(job.Status.ToString().ToLowerInvariant(), 1, (_, n) => n + 1);
            if (job.ExpiresAt is { } expires && job.CompletedAt is { } completed)
            {
                _retentionSeconds ??= (expires - completed).TotalSeconds;
            }

            if (_cancelRequested.ContainsKey(jobId))
            {
                _finalOfCancelRequested[jobId] = job.Status;
            }
            else if (job.Status == JobStatus.Cancelled)
            {
                _cancelledByNoOne.Enqueue(jobId);
            }
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            Errors.AddOrUpdate(exception is HttpRequestException { HttpRequestError: var error } ? "GET error:" + error : "GET timeout", 1, (_, n) => n + 1);
            ReadAgain(jobId);
        }
    }

    private void ReadAgain(string jobId) =>
        _due.Enqueue((jobId, Stopwatch.GetTimestamp() + (long)(readAfter.TotalSeconds * Stopwatch.Frequency)));

    private readonly record struct OpenJob(string LastSeen, long AcceptedAt);

    /// <summary>The fields a soak needs from a job (the rest of the JSON is skipped).</summary>
    private sealed record JobRead(JobStatus Status, DateTime? CompletedAt, DateTime? ExpiresAt);
}
