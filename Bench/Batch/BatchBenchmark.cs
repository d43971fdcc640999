using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using OrleansNlp.Bench.Pipeline;
using OrleansNlp.Contracts;

namespace OrleansNlp.Bench.Batch;

/// <summary>
/// The "batch" verb: a batch of N texts against N single jobs submitted one at a time, each waited for before the next,
/// end to end through REST on a running cluster. Both wait on the server's own event streams (SSE), so neither pays a
/// polling interval: the batch is timed from its POST to its final event, the singles from the first POST to the last
/// job's final event. Texts are unique per run (no result-cache hits). The target is the batch at least 5× faster.
/// </summary>
public static class BatchBenchmark
{
    public const double TargetSpeedup = 5;

    public static async Task<int> RunAsync(string[] args)
    {
        var parsed = new BenchArgs(args);
        var options = BatchBenchmarkOptions.Parse(parsed);
        parsed.RejectUnknown();
        using var cancel = ConsoleCancellation.Create();
        using var http = BenchHttp.Create(4);
        var runId = Guid.NewGuid().ToString("N")[..8];
        var loadBefore = PipelineBenchmark.LoadAverage();
        var startedAt = DateTime.UtcNow;
        Console.Error.WriteLine($"run {runId}: a batch of {options.Texts} texts vs {options.Texts} single jobs one at a time, " +
            $"{options.Rounds} round(s), against {options.Url}, load average {loadBefore}");
        var next = 0;
        string[] Texts(int count)
        {
            var texts = JobTexts.Create(runId, next, count);
            next += count;
            return texts;
        }

        if (options.Warmup > 0)
        {
            var clock = Stopwatch.StartNew();
            await MeasureBatchAsync(http, options, Texts(options.Warmup), 0, cancel.Token);
            await MeasureSinglesAsync(http, options, Texts(options.Warmup), 0, cancel.Token);
            Console.Error.WriteLine(FormattableString.Invariant($"warm-up: a batch of {options.Warmup} and {options.Warmup} single jobs in {clock.Elapsed.TotalSeconds:0.0} s"));
        }

        var batches = new List<PhaseResult>();
        var singles = new List<PhaseResult>();
        for (var round = 1; round <= options.Rounds; round++)
        {
            // Alternate the order so that neither phase always runs on a cluster the other has just warmed or loaded.
            var batchFirst = round % 2 == 1;
            for (var phase = 0; phase < 2; phase++)
            {
                var result = (phase == 0) == batchFirst
                    ? await MeasureBatchAsync(http, options, Texts(options.Texts), round, cancel.Token)
                    : await MeasureSinglesAsync(http, options, Texts(options.Texts), round, cancel.Token);
                (result.Mode == "batch" ? batches : singles).Add(result);
                Console.Error.WriteLine(FormattableString.Invariant($"round {round}: {result.Mode} {result.Seconds:0.00} s"));
            }
        }

        var batchMedian = Median(batches.Select(result => result.Seconds));
        var singlesMedian = Median(singles.Select(result => result.Seconds));
        var speedup = Math.Round(singlesMedian / batchMedian, 2);
        var allCompleted = batches.Concat(singles).All(result => result.Statuses.GetValueOrDefault("completed") == result.Jobs);
        var report = new BatchReport(startedAt, options.Url.ToString(), options.Texts, options.Rounds, options.Warmup, Environment.ProcessorCount,
            loadBefore, PipelineBenchmark.LoadAverage(), batches, singles, batchMedian, singlesMedian, speedup,
            speedup >= TargetSpeedup && allCompleted);
        Print(report);
        Console.WriteLine(JsonSerializer.Serialize(report, PipelineBenchmark.ReportJson));
        return report.TargetMet ? 0 : 1;
    }

    private static async Task<PhaseResult> MeasureBatchAsync(HttpClient http, BatchBenchmarkOptions options, string[] texts, int round, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(options.Timeout);
        var body = JsonSerializer.SerializeToUtf8Bytes(new SubmitBatchRequest(texts), JsonDefaults.Options);
        var clock = Stopwatch.StartNew();
        using var request = NewRequest(HttpMethod.Post, new Uri(options.Url, "api/batches"), options.ApiKey);
        request.Content = new ByteArrayContent(body) { Headers = { ContentType = new("application/json") } };
        using var response = await http.SendAsync(request, timeout.Token);
        await EnsureSuccessAsync(response, timeout.Token);
        var submitMs = clock.Elapsed.TotalMilliseconds;
        var accepted = (await response.Content.ReadFromJsonAsync<SubmitBatchResponse>(JsonDefaults.Options, timeout.Token))!;
        await ProgressEventStream.ReadUntilFinalAsync(http, new Uri(options.Url, $"api/batches/{accepted.BatchId}/events"), options.ApiKey,
            status => status is "completed" or "cancelled", timeout.Token);
        var seconds = clock.Elapsed.TotalSeconds;

        using var read = NewRequest(HttpMethod.Get, new Uri(options.Url, $"api/batches/{accepted.BatchId}"), options.ApiKey);
        using var answer = await http.SendAsync(read, timeout.Token);
        await EnsureSuccessAsync(answer, timeout.Token);
        var batch = (await answer.Content.ReadFromJsonAsync<BatchResponse>(JsonDefaults.Options, timeout.Token))!;
        var counts = batch.Counts;
        var statuses = new Dictionary<string, int>
        {
            ["completed"] = counts.Completed, ["failed"] = counts.Failed, ["cancelled"] = counts.Cancelled,
            ["pending"] = counts.Pending, ["processing"] = counts.Processing,
        }.Where(pair => pair.Value > 0).ToDictionary();
        return new PhaseResult("batch", round, texts.Length, Round(seconds), Round(texts.Length / seconds), statuses,
            batch.CompletedAt is { } completedAt ? Round((completedAt - batch.CreatedAt).TotalSeconds) : null,
            Percentiles.Of([submitMs]), null);
    }

    private static async Task<PhaseResult> MeasureSinglesAsync(HttpClient http, BatchBenchmarkOptions options, string[] texts, int round, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(options.Timeout);
        var bodies = texts.Select(text => JsonSerializer.SerializeToUtf8Bytes(new { text })).ToArray();
        var submitMs = new List<double>(texts.Length);
        var perJobMs = new List<double>(texts.Length);
        var statuses = new Dictionary<string, int>(StringComparer.Ordinal);
        var clock = Stopwatch.StartNew();
        foreach (var body in bodies)
        {
            var start = clock.Elapsed;
            using var request = NewRequest(HttpMethod.Post, new Uri(options.Url, "api/jobs"), options.ApiKey);
            request.Content = new ByteArrayContent(body) { Headers = { ContentType = new("application/json") } };
            using var response = await http.SendAsync(request, timeout.Token);
            await EnsureSuccessAsync(response, timeout.Token);
            submitMs.Add((clock.Elapsed - start).TotalMilliseconds);
            var location = response.Headers.Location?.OriginalString ?? throw new InvalidDataException("A 202 without a Location");
            var jobId = location[(location.LastIndexOf('/') + 1)..];
            var final = await ProgressEventStream.ReadUntilFinalAsync(http, new Uri(options.Url, $"api/jobs/{jobId}/events"), options.ApiKey,
                status => status is "completed" or "failed" or "cancelled", timeout.Token);
            perJobMs.Add((clock.Elapsed - start).TotalMilliseconds);
            var status = final.GetProperty("status").GetString()!;
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
        }

        var seconds = clock.Elapsed.TotalSeconds;
        return new PhaseResult("singles", round, texts.Length, Round(seconds), Round(texts.Length / seconds), statuses, null,
            Percentiles.Of(submitMs), Percentiles.Of(perJobMs));
    }

    private static void Print(BatchReport report)
    {
        foreach (var result in report.Batches.Concat(report.Singles).OrderBy(result => result.Round))
        {
            var detail = result.Mode == "batch"
                ? Invariant($"POST {result.SubmitMs.Max:0} ms, server createdAt → completedAt {result.ServerSeconds:0.00} s")
                : Invariant($"POST p50 {result.SubmitMs.P50} ms; POST → final event p50 {result.PerJobMs!.P50} ms, p99 {result.PerJobMs.P99} ms");
            Console.WriteLine(Invariant($"{$"round {result.Round} {result.Mode}",-16} {result.Seconds,8:0.00} s  {result.JobsPerSecond,8:0.0} jobs/s  ")
                + $"{string.Join(", ", result.Statuses.Select(pair => $"{pair.Key} {pair.Value}"))}; {detail}");
        }

        Console.WriteLine(Invariant($"{"speedup",-16} {report.Speedup:0.0}× (median singles {report.SinglesSecondsMedian:0.00} s / median batch {report.BatchSecondsMedian:0.00} s); ")
            + $"target ≥ {TargetSpeedup}×: {(report.TargetMet ? "met" : "NOT met")}");
        Console.WriteLine($"{"load average",-16} {report.LoadAverageBefore} before, {report.LoadAverageAfter} after");
    }

    private static HttpRequestMessage NewRequest(HttpMethod method, Uri uri, string? apiKey)
    {
        var request = new HttpRequestMessage(method, uri);
        if (apiKey is not null)
        {
            request.Headers.Add("X-Api-Key", apiKey);
        }

        return request;
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken ct)
    {
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(ct);
            throw new HttpRequestException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {body}",
                null, response.StatusCode);
        }
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : Round((sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2);
    }

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);

    private static double Round(double value) => Math.Round(value, 3);
}
