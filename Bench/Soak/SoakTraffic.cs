using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using OrleansNlp.Bench.Pipeline;

namespace OrleansNlp.Bench.Soak;

/// <summary>
/// The soak's offered load: <c>POST /api/jobs</c> on an open-loop schedule (<see cref="OpenLoop"/>). Of every 1/f
/// submissions one is bad (the kinds of <see cref="BadRequests"/> in turn); of every 1/c, half a period later, the
/// accepted job is cancelled with <c>DELETE</c> as soon as its 202 arrives. Good texts are unique
/// (<see cref="JobTexts"/>), so no job is a result-cache hit. Every answer that is not what the API promises is counted
/// as an error by kind ("POST job 503", "POST bad-priority: 500", "DELETE 404", ...).
/// </summary>
public sealed class SoakTraffic(HttpClient http, Uri baseUrl, string? apiKey, JobLedger ledger, string runId)
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    private readonly long[] _badSent = new long[BadRequests.Kinds.Count];
    private readonly long[] _badRight = new long[BadRequests.Kinds.Count];
    private long _jobsSent;
    private long _cancelledAfterEnd;

    public ConcurrentDictionary<string, int> Errors { get; } = new(StringComparer.Ordinal);

    public async Task<TrafficResult> RunAsync(long count, double rate, int concurrency, double badFraction, double cancelFraction, CancellationToken ct)
    {
        var latencies = new double[count];
        var clock = Stopwatch.StartNew();
        var maxLateMs = await OpenLoop.RunAsync(count, rate, concurrency, async i =>
        {
            if (Fires(i, badFraction, 0))
            {
                await SendBadAsync((int)(Math.Floor(i * badFraction) % BadRequests.Kinds.Count), ct);
            }
            else
            {
                latencies[i] = await SendJobAsync(i, Fires(i, cancelFraction, 0.5), ct);
            }
        }, ct);
        var elapsed = clock.Elapsed;
        return new TrafficResult(
            count,
            Interlocked.Read(ref _jobsSent),
            Math.Round(count / elapsed.TotalSeconds, 1),
            Math.Round(maxLateMs, 1),
            Percentiles.Of(latencies.Where(ms => ms > 0)),
            BadRequests.Kinds.Select((kind, k) => (kind.Name, new BadTally(_badSent[k], _badRight[k]))).ToDictionary(pair => pair.Name, pair => pair.Item2),
            Interlocked.Read(ref _cancelledAfterEnd));
    }

    /// <summary>Whether submission <paramref name="i"/> is one of a fraction spread evenly over the schedule (the
    /// count of multiples of 1/fraction passed moves on at i), shifted by <paramref name="phase"/> of a period.</summary>
    public static bool Fires(long i, double fraction, double phase) =>
        fraction > 0 && Math.Floor((i + 1) * fraction + phase) > Math.Floor(i * fraction + phase);

    private async Task SendBadAsync(int k, CancellationToken ct)
    {
        var kind = BadRequests.Kinds[k];
        Interlocked.Increment(ref _badSent[k]);
        try
        {
            using var request = Request(HttpMethod.Post, "api/jobs");
            request.Content = kind.Content();
            using var response = await http.SendAsync(request, ct);
            if (await BadRequests.CheckAsync(response, kind, ct) is { } wrong)
            {
                Count($"POST {kind.Name}: {wrong}");
            }
            else
            {
                Interlocked.Increment(ref _badRight[k]);
            }
        }
        catch (Exception exception) when (IsTransport(exception, ct))
        {
            Count($"POST {kind.Name}: {Describe(exception)}");
        }
    }

    /// <summary>Submits job <paramref name="i"/>; the POST's round trip in ms when it was accepted, else 0.</summary>
    private async Task<double> SendJobAsync(long i, bool cancel, CancellationToken ct)
    {
        Interlocked.Increment(ref _jobsSent);
        var body = JsonSerializer.SerializeToUtf8Bytes(new { text = JobTexts.Create(runId, (int)i, 1)[0] });
        var start = Stopwatch.GetTimestamp();
        string jobId;
        try
        {
            using var request = Request(HttpMethod.Post, "api/jobs");
            request.Content = new ByteArrayContent(body) { Headers = { ContentType = Json } };
            using var response = await http.SendAsync(request, ct);
            if (response.StatusCode != HttpStatusCode.Accepted || response.Headers.Location is not { } location)
            {
                Count($"POST job {(int)response.StatusCode}");
                return 0;
            }

            jobId = location.OriginalString[(location.OriginalString.LastIndexOf('/') + 1)..];
        }
        catch (Exception exception) when (IsTransport(exception, ct))
        {
            Count($"POST job {Describe(exception)}");
            return 0;
        }

        var latency = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        ledger.Add(jobId);
        if (cancel)
        {
            await CancelAsync(jobId, ct);
        }

        return latency;
    }

    private async Task CancelAsync(string jobId, CancellationToken ct)
    {
        ledger.CancelRequesting(jobId);
        try
        {
            using var request = Request(HttpMethod.Delete, "api/jobs/" + jobId);
            using var response = await http.SendAsync(request, ct);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                Count($"DELETE {(int)response.StatusCode}");
                return;
            }

            using var job = JsonDocument.Parse(await response.Content.ReadAsStreamAsync(ct));
            if (job.RootElement.GetProperty("status").GetString() == "cancelled")
            {
                ledger.CancelConfirmed(jobId);
            }
            else
            {
                // The job ended before the DELETE reached it: returned unchanged, as documented.
                Interlocked.Increment(ref _cancelledAfterEnd);
            }
        }
        catch (Exception exception) when (IsTransport(exception, ct))
        {
            Count($"DELETE {Describe(exception)}");
        }
    }

    private HttpRequestMessage Request(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, new Uri(baseUrl, path));
        if (apiKey is not null)
        {
            request.Headers.Add("X-Api-Key", apiKey);
        }

        return request;
    }

    private void Count(string error) => Errors.AddOrUpdate(error, 1, (_, n) => n + 1);

    private static bool IsTransport(Exception exception, CancellationToken ct) =>
        exception is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested;

    private static string Describe(Exception exception) =>
        exception is HttpRequestException { HttpRequestError: var error } ? "error:" + error : "timeout";
}

/// <summary>What the load did: submissions scheduled and job submissions among them, the rate achieved, the worst
/// start's lateness, the accepted POSTs' round trips, bad requests by kind, and cancellations that came too late.</summary>
public sealed record TrafficResult(
    long Submissions, long JobSubmissions, double SubmittedPerSecond, double OpenLoopMaxLateMs, Percentiles SubmitMs,
    IReadOnlyDictionary<string, BadTally> BadRequests, long CancelsAfterJobEnded);

/// <summary>Bad requests of one kind sent, and those answered 4xx with a problem naming the field.</summary>
public sealed record BadTally(long Sent, long AnsweredRight);
