using System.Net;
using System.Net.Http.Json;
using OrleansNlp.Contracts;

namespace OrleansNlp.Tests.Infrastructure;

/// <summary>REST helpers for batches: submit, read, wait, page the results; JSON read through the Contracts shapes.</summary>
public static class BatchRequests
{
    /// <summary>Submits a batch and asserts 202. A 429 (the batch's texts did not fit in what is left of this client's
    /// rate-limit window; the tests of a collection share one) is retried after its Retry-After, as a client would.</summary>
    public static async Task<SubmitBatchResponse> SubmitBatchAsync(this HttpClient http, IReadOnlyList<string> texts, string? instruction = null)
    {
        var response = await http.PostAsJsonAsync("/api/batches", new SubmitBatchRequest(texts.ToArray(), instruction), JsonDefaults.Options);
        for (var retry = 0; response.StatusCode == HttpStatusCode.TooManyRequests && retry < 5; retry++)
        {
            await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1));
            response = await http.PostAsJsonAsync("/api/batches", new SubmitBatchRequest(texts.ToArray(), instruction), JsonDefaults.Options);
        }

        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"expected 202, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var accepted = (await response.Content.ReadFromJsonAsync<SubmitBatchResponse>(JsonDefaults.Options))!;
        Assert.Equal($"/api/batches/{accepted.BatchId}", response.Headers.Location?.OriginalString);
        return accepted;
    }

    public static async Task<BatchResponse> GetBatchAsync(this HttpClient http, string batchId) =>
        (await http.GetFromJsonAsync<BatchResponse>($"/api/batches/{batchId}", JsonDefaults.Options))!;

    /// <summary>Polls the batch until <paramref name="done"/> holds (a 503 is polled again).</summary>
    public static async Task<BatchResponse> WaitForBatchAsync(this HttpClient http, string batchId, Func<BatchResponse, bool> done, string what, TimeSpan timeout) =>
        (await Wait.UntilAsync(
            async () =>
            {
                using var response = await http.GetAsync($"/api/batches/{batchId}");
                if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
                {
                    return null;
                }

                response.EnsureSuccessStatusCode();
                return await response.Content.ReadFromJsonAsync<BatchResponse>(JsonDefaults.Options);
            },
            batch => batch is not null && done(batch),
            timeout,
            what))!;

    /// <summary>Every page of the batch's results, in order.</summary>
    public static async Task<IReadOnlyList<JobResponse>> ReadAllResultsAsync(this HttpClient http, string batchId, int limit = 100)
    {
        var items = new List<JobResponse>();
        int? offset = 0;
        while (offset is { } from)
        {
            var page = (await http.GetFromJsonAsync<BatchResultsResponse>($"/api/batches/{batchId}/results?offset={from}&limit={limit}", JsonDefaults.Options))!;
            Assert.Equal(from, page.Offset);
            items.AddRange(page.Items);
            offset = page.NextOffset;
        }

        return items;
    }
}
