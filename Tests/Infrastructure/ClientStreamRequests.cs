using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OrleansNlp.Contracts;
using OrleansNlp.Models;

namespace OrleansNlp.Tests.Infrastructure;

/// <summary>Helpers for per-client streams: submitting with a clientId, and checking what a client's watcher received.</summary>
public static class ClientStreamRequests
{
    /// <summary>Submits a job with a clientId, asserts 202 and that the answer carries the clientId; returns the job id.</summary>
    public static async Task<string> SubmitClientJobAsync(this HttpClient http, string clientId, string text)
    {
        var response = await http.PostAsJsonAsync("/api/jobs", new { text, clientId });
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"expected 202, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var job = await response.ReadJsonAsync();
        Assert.Equal(clientId, job.GetProperty("clientId").GetString());
        return job.GetProperty("jobId").GetString()!;
    }

    /// <summary>Submits a batch with a clientId; returns its jobs' ids.</summary>
    public static async Task<IReadOnlyList<string>> SubmitClientBatchAsync(this HttpClient http, string clientId, IReadOnlyList<string> texts)
    {
        var response = await http.PostAsJsonAsync("/api/batches", new SubmitBatchRequest(texts.ToArray(), ClientId: clientId), JsonDefaults.Options);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"expected 202, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<SubmitBatchResponse>(JsonDefaults.Options))!.JobIds;
    }

    /// <summary>Reads events until every one of <paramref name="jobIds"/> had its final event (events of other jobs are kept too).</summary>
    public static async Task<List<(string JobId, JobStatus Status, long Version)>> UntilAllFinalAsync(
        Func<CancellationToken, ValueTask<(string JobId, JobStatus Status, long Version)>> next, IReadOnlyCollection<string> jobIds, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        var received = new List<(string JobId, JobStatus Status, long Version)>();
        var open = jobIds.ToHashSet();
        while (open.Count > 0)
        {
            (string JobId, JobStatus Status, long Version) progress;
            try
            {
                progress = await next(cts.Token);
            }
            catch (OperationCanceledException) when (cts.IsCancellationRequested)
            {
                throw new TimeoutException($"no final event within {timeout} for {string.Join(", ", open)}; received: {string.Join(" ", received)}");
            }

            received.Add(progress);
            if (progress.Status.IsFinal())
            {
                open.Remove(progress.JobId);
            }
        }

        return received;
    }

    /// <summary>Each job's versions go up by one from where the watcher started, without a repeat or a gap, and end final.</summary>
    public static void AssertEveryJobInOrder(IEnumerable<(string JobId, JobStatus Status, long Version)> events)
    {
        foreach (var job in events.GroupBy(e => e.JobId))
        {
            var versions = job.Select(e => e.Version).ToArray();
            Assert.True(versions.SequenceEqual(Enumerable.Range((int)versions[0], versions.Length).Select(v => (long)v)),
                $"job {job.Key} versions: {string.Join(",", versions)}");
            Assert.True(job.Last().Status.IsFinal(), $"job {job.Key} should end final: {job.Last()}");
            Assert.Single(job, e => e.Status.IsFinal());
        }
    }

    public static (string JobId, JobStatus Status, long Version) Key(this JobProgress progress) =>
        (progress.JobId, progress.Status, progress.Version);

    public static (string JobId, JobStatus Status, long Version) Key(this JobProgressEvent progress) =>
        (progress.JobId, progress.Status, progress.Version);

    /// <summary>A JobProgress from a "data:" line of the event stream.</summary>
    public static JobProgress Parse(string data) => JsonSerializer.Deserialize<JobProgress>(data, JsonDefaults.Options)!;
}
