using System.Collections.Concurrent;
using System.Net.Http.Json;
using OrleansNlp.Contracts;

namespace OrleansNlp.Bench.Pipeline;

/// <summary>Reads jobs through <c>GET /api/jobs/{id}</c> (the same JSON contract the frontend writes).</summary>
public sealed class JobSnapshots(HttpClient http, Uri baseUrl, string? apiKey)
{
    public async Task<JobResponse?> GetAsync(string jobId, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(baseUrl, "api/jobs/" + Uri.EscapeDataString(jobId)));
        if (apiKey is not null)
        {
            request.Headers.Add("X-Api-Key", apiKey);
        }

        using var response = await http.SendAsync(request, ct);
        return response.IsSuccessStatusCode
            ? await response.Content.ReadFromJsonAsync<JobResponse>(JsonDefaults.Options, ct)
            : null;
    }

    /// <summary>Each job once, a few at a time (after the measured window, so it costs the figures nothing).</summary>
    public async Task<IReadOnlyDictionary<string, FinalJob>> GetAllAsync(IEnumerable<string> jobIds, int parallelism, CancellationToken ct)
    {
        var jobs = new ConcurrentDictionary<string, FinalJob>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(jobIds, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = ct },
            async (jobId, token) =>
            {
                if (await GetAsync(jobId, token) is { } job)
                {
                    jobs[jobId] = FinalJob.From(job);
                }
            });
        return jobs;
    }
}
