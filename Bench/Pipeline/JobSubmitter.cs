using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;

namespace OrleansNlp.Bench.Pipeline;

/// <summary>Submits jobs through <c>POST /api/jobs</c>: closed loop (a fixed number of submissions in flight, each
/// followed at once by the next) or open loop (one submission every 1/rate s on a fixed schedule, whatever the answers
/// take, with at most <c>concurrency</c> unanswered). Bodies are serialised before the clock starts; each answer is
/// read only for its status and its <c>Location</c> header.</summary>
public sealed class JobSubmitter(HttpClient http, Uri baseUrl, string? apiKey)
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    public async Task<SubmitResult> RunAsync(
        string[] texts, int concurrency, double? rate, Action<string> accepted, CancellationToken ct)
    {
        var bodies = texts.Select(text => JsonSerializer.SerializeToUtf8Bytes(new { text })).ToArray();
        var latencies = new double[bodies.Length];
        var outcomes = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var clock = Stopwatch.StartNew();
        double maxLateMs = 0;

        async Task SubmitAsync(int i)
        {
            var start = Stopwatch.GetTimestamp();
            string outcome;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseUrl, "api/jobs"));
                request.Content = new ByteArrayContent(bodies[i]) { Headers = { ContentType = Json } };
                if (apiKey is not null)
                {
                    request.Headers.Add("X-Api-Key", apiKey);
                }

                using var response = await http.SendAsync(request, ct);
                outcome = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
                if (response.IsSuccessStatusCode && response.Headers.Location is { } location)
                {
                    latencies[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                    accepted(location.OriginalString[(location.OriginalString.LastIndexOf('/') + 1)..]);
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
            {
                outcome = exception is HttpRequestException { HttpRequestError: var error } ? "error:" + error : "timeout";
            }

            outcomes.AddOrUpdate(outcome, 1, (_, n) => n + 1);
        }

        if (rate is { } perSecond)
        {
            maxLateMs = await OpenLoop.RunAsync(bodies.Length, perSecond, concurrency, index => SubmitAsync((int)index), ct);
        }
        else
        {
            var next = -1;
            await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
            {
                for (var i = Interlocked.Increment(ref next); i < bodies.Length; i = Interlocked.Increment(ref next))
                {
                    await SubmitAsync(i);
                }
            }));
        }

        var elapsed = clock.Elapsed;
        var answered = latencies.Where(ms => ms > 0).ToArray();
        Array.Sort(answered);
        return new SubmitResult(answered.Length, elapsed, answered, new SortedDictionary<string, int>(outcomes, StringComparer.Ordinal), maxLateMs);
    }
}

/// <summary>What a submission run did: accepted jobs, how long submitting took, the sorted latencies of the accepted
/// POSTs, answers by HTTP status (or transport error), and how late the open loop's last-started job was at worst.</summary>
public sealed record SubmitResult(
    int Accepted, TimeSpan Elapsed, double[] AcceptedLatenciesMs, SortedDictionary<string, int> Outcomes, double MaxLateMs);
