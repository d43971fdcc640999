using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using OrleansNlp.Contracts;

namespace OrleansNlp.Client;

/// <summary>Batches: many texts in one request (POST /api/batches), followed as one.</summary>
public sealed partial class OrleansNlpClient
{
    /// <summary>How soon <see cref="WaitBatchAsync"/> reads a batch again after it changed.</summary>
    public static readonly TimeSpan BatchPollMinInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>The longest <see cref="WaitBatchAsync"/> waits between two reads while the batch does not change.</summary>
    public static readonly TimeSpan BatchPollMaxInterval = TimeSpan.FromSeconds(1);

    private const string BatchesPath = "api/batches";

    /// <summary>Submits a batch (POST /api/batches): one job per text, each with the same instruction, metadata,
    /// priority and callback. The answer comes at once with the batch's id and its jobs' ids in the order of the texts;
    /// the jobs are created in the background. A bad text refuses the whole batch (<see cref="OrleansNlpApiException"/>
    /// whose <c>Errors</c> name it, e.g. <c>texts[3]</c>).</summary>
    /// <param name="idempotencyKey">Repeating a request with the same key returns the same batch instead of a new one.</param>
    public Task<SubmitBatchResponse> SubmitBatchAsync(IReadOnlyList<string> texts, string? instruction = null, object? metadata = null,
        JobPriority? priority = null, string? idempotencyKey = null, string? callbackUrl = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(texts);
        return SubmitBatchAsync(new SubmitBatchRequest(texts.ToArray(), instruction, ToJson(metadata), priority, callbackUrl), idempotencyKey, cancellationToken);
    }

    /// <summary>Submits a batch (POST /api/batches) given as the API's own request body.</summary>
    public async Task<SubmitBatchResponse> SubmitBatchAsync(SubmitBatchRequest batch, string? idempotencyKey = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        using var request = NewRequest(HttpMethod.Post, BatchesPath);
        request.Content = JsonContent.Create(batch, options: JsonDefaults.Options);
        if (idempotencyKey is not null)
        {
            request.Headers.TryAddWithoutValidation(IdempotencyKeyHeader, idempotencyKey);
        }

        using var response = await _http.SendAsync(request, cancellationToken);
        return await ReadAsync<SubmitBatchResponse>(response, cancellationToken);
    }

    /// <summary>Reads a batch: status, counts per job status, progress, language and sentiment summary
    /// (GET /api/batches/{id}); null when no batch has this id (or it expired).</summary>
    public async Task<BatchResponse?> GetBatchAsync(string batchId, CancellationToken cancellationToken = default)
    {
        using var request = NewRequest(HttpMethod.Get, BatchPath(batchId));
        using var response = await _http.SendAsync(request, cancellationToken);
        return IsNotFoundProblem(response) ? null : await ReadAsync<BatchResponse>(response, cancellationToken);
    }

    /// <summary>One page of a batch's jobs in the order of its texts (GET /api/batches/{id}/results); null when no
    /// batch has this id. Jobs not created yet are left out of a page.</summary>
    /// <param name="offset">Index of the first text, from 0.</param>
    /// <param name="limit">Jobs per page, 1 to 100 (the server's default is 100).</param>
    public async Task<BatchResultsResponse?> GetBatchResultsAsync(string batchId, int offset = 0, int? limit = null,
        CancellationToken cancellationToken = default)
    {
        var query = $"/results?offset={offset}" + (limit is { } pageSize ? $"&limit={pageSize}" : "");
        using var request = NewRequest(HttpMethod.Get, BatchPath(batchId) + query);
        using var response = await _http.SendAsync(request, cancellationToken);
        return IsNotFoundProblem(response) ? null : await ReadAsync<BatchResultsResponse>(response, cancellationToken);
    }

    /// <summary>Every job of a batch in the order of its texts, read a page at a time.</summary>
    /// <exception cref="OrleansNlpApiException">404 when no batch has this id.</exception>
    public async IAsyncEnumerable<JobResponse> GetAllBatchResultsAsync(string batchId, int pageSize = 100,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        int? offset = 0;
        while (offset is { } from)
        {
            var page = await GetBatchResultsAsync(batchId, from, pageSize, cancellationToken) ?? throw BatchNotFound(batchId);
            foreach (var job in page.Items)
            {
                yield return job;
            }

            offset = page.NextOffset;
        }
    }

    /// <summary>Cancels every unfinished job of a batch (DELETE /api/batches/{id}) and returns the batch; a batch
    /// that already ended is returned unchanged. Null when no batch has this id.</summary>
    public async Task<BatchResponse?> CancelBatchAsync(string batchId, CancellationToken cancellationToken = default)
    {
        using var request = NewRequest(HttpMethod.Delete, BatchPath(batchId));
        using var response = await _http.SendAsync(request, cancellationToken);
        return IsNotFoundProblem(response) ? null : await ReadAsync<BatchResponse>(response, cancellationToken);
    }

    /// <summary>
    /// Reads a batch until it ends (completed or cancelled) and returns it. Polls with backoff: again after
    /// <see cref="BatchPollMinInterval"/> when the batch changed, up to <see cref="BatchPollMaxInterval"/> apart while it
    /// does not; a 503 (a silo restarting) is read again after its Retry-After. <paramref name="progress"/> gets the
    /// first snapshot and each later one with a higher version, called in order on the waiting call's own flow.
    /// </summary>
    /// <exception cref="OrleansNlpApiException">404 when no batch has this id.</exception>
    /// <exception cref="BatchWaitTimeoutException">The batch had not ended after <paramref name="timeout"/>; it goes on.</exception>
    public async Task<BatchResponse> WaitBatchAsync(string batchId, TimeSpan timeout, IProgress<BatchResponse>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(timeout, TimeSpan.Zero);
        var clock = Stopwatch.StartNew();
        var delay = BatchPollMinInterval;
        BatchResponse? last = null;
        while (true)
        {
            BatchResponse? batch;
            TimeSpan? retryAfter = null;
            try
            {
                batch = await GetBatchAsync(batchId, cancellationToken) ?? throw BatchNotFound(batchId);
            }
            catch (OrleansNlpApiException exception) when (exception.StatusCode == HttpStatusCode.ServiceUnavailable)
            {
                batch = null;
                retryAfter = exception.RetryAfter is { } asked && asked > BatchPollMinInterval ? asked : BatchPollMinInterval;
            }

            if (batch is not null)
            {
                var changed = last is null || batch.Version > last.Version;
                if (changed)
                {
                    last = batch;
                    progress?.Report(batch);
                }

                if (batch.Status.IsFinal())
                {
                    return batch;
                }

                delay = changed ? BatchPollMinInterval : Min(delay * 2, BatchPollMaxInterval);
            }

            var remaining = timeout - clock.Elapsed;
            if (remaining <= TimeSpan.Zero)
            {
                throw new BatchWaitTimeoutException(batchId, timeout, last);
            }

            await Task.Delay(Min(retryAfter ?? delay, remaining), cancellationToken);
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static string BatchPath(string batchId)
    {
        ArgumentException.ThrowIfNullOrEmpty(batchId);
        return $"{BatchesPath}/{Uri.EscapeDataString(batchId)}";
    }

    private static OrleansNlpApiException BatchNotFound(string batchId) =>
        new(HttpStatusCode.NotFound, "Batch not found", $"No batch has the id '{batchId}'.");
}
