using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using OrleansNlp.Contracts;

namespace OrleansNlp.Client;

/// <summary>Datasets: a typed table generated from a query and a field schema (POST /api/datasets), run as a job
/// (read, watch, wait, cancel and retry it with the job methods), then paged or exported.</summary>
public sealed partial class OrleansNlpClient
{
    private const string DatasetsPath = "api/datasets";

    /// <summary>Submits a dataset job (POST /api/datasets). The answer comes at once, with the job pending; follow it
    /// with <see cref="WatchAsync"/> (its events carry <see cref="JobProgress.Total"/> and
    /// <see cref="JobProgress.Completed"/> rows) or <see cref="WaitAsync"/>. A bad schema is refused whole
    /// (<see cref="OrleansNlpApiException"/> whose <c>Errors</c> name the field, e.g. <c>fields[2].type</c>).</summary>
    /// <param name="idempotencyKey">Repeating a request with the same key returns the same job instead of a new one.</param>
    public async Task<JobResponse> SubmitDatasetAsync(SubmitDatasetRequest dataset, string? idempotencyKey = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        using var request = NewRequest(HttpMethod.Post, DatasetsPath);
        request.Content = JsonContent.Create(dataset, options: JsonDefaults.Options);
        if (idempotencyKey is not null)
        {
            request.Headers.TryAddWithoutValidation(IdempotencyKeyHeader, idempotencyKey);
        }

        using var response = await _http.SendAsync(request, cancellationToken);
        return await ReadAsync<JobResponse>(response, cancellationToken);
    }

    /// <summary>One page of a completed dataset's rows (GET /api/datasets/{id}/rows); null when no job has this id.</summary>
    /// <param name="offset">Index of the first row, from 0.</param>
    /// <param name="limit">Rows per page (the server's default when null).</param>
    /// <exception cref="OrleansNlpApiException">409 while the job has not completed.</exception>
    public async Task<DatasetRowsResponse?> GetRowsAsync(string jobId, int offset = 0, int? limit = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        var query = $"/rows?offset={offset}" + (limit is { } pageSize ? $"&limit={pageSize}" : "");
        using var request = NewRequest(HttpMethod.Get, DatasetPath(jobId) + query);
        using var response = await _http.SendAsync(request, cancellationToken);
        return IsNotFoundProblem(response) ? null : await ReadAsync<DatasetRowsResponse>(response, cancellationToken);
    }

    /// <summary>Every row of a completed dataset, read a page at a time.</summary>
    /// <exception cref="OrleansNlpApiException">404 when no job has this id; 409 while it has not completed.</exception>
    public async IAsyncEnumerable<System.Text.Json.JsonElement> GetAllRowsAsync(string jobId, int pageSize = 100,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var offset = 0;
        while (true)
        {
            var page = await GetRowsAsync(jobId, offset, pageSize, cancellationToken) ?? throw JobNotFound(jobId);
            foreach (var row in page.Rows)
            {
                yield return row;
            }

            offset += page.Rows.Count;
            if (page.Rows.Count == 0 || offset >= page.Total)
            {
                yield break;
            }
        }
    }

    /// <summary>Writes a completed dataset as CSV (GET /api/datasets/{id}.csv: a header line, then one line per row)
    /// to <paramref name="destination"/>, streamed.</summary>
    /// <exception cref="OrleansNlpApiException">404 when no job has this id; 409 while it has not completed.</exception>
    public Task DownloadCsvAsync(string jobId, Stream destination, CancellationToken cancellationToken = default) =>
        DownloadAsync(jobId, ".csv", "text/csv", destination, cancellationToken);

    /// <summary>Writes a completed dataset as JSON Lines (GET /api/datasets/{id}.jsonl: one JSON object per line) to
    /// <paramref name="destination"/>, streamed.</summary>
    /// <exception cref="OrleansNlpApiException">404 when no job has this id; 409 while it has not completed.</exception>
    public Task DownloadJsonlAsync(string jobId, Stream destination, CancellationToken cancellationToken = default) =>
        DownloadAsync(jobId, ".jsonl", "application/x-ndjson", destination, cancellationToken);

    private async Task DownloadAsync(string jobId, string extension, string mediaType, Stream destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        using var request = NewRequest(HttpMethod.Get, DatasetPath(jobId) + extension);
        request.Headers.Accept.Clear();
        request.Headers.Accept.ParseAdd(mediaType);
        request.Headers.Accept.ParseAdd("application/problem+json");
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw await OrleansNlpApiException.FromResponseAsync(response, cancellationToken);
        }

        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        await body.CopyToAsync(destination, cancellationToken);
    }

    private static string DatasetPath(string jobId)
    {
        ArgumentException.ThrowIfNullOrEmpty(jobId);
        return $"{DatasetsPath}/{Uri.EscapeDataString(jobId)}";
    }
}
