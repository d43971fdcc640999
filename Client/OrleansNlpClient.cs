using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using OrleansNlp.Contracts;

namespace OrleansNlp.Client;

/// <summary>
/// Typed client for an OrleansNlp frontend: submit, read, list, cancel and retry jobs over REST, watch a job's live
/// progress over the SignalR hub, and submit, follow, page and cancel batches (OrleansNlpClient.Batches.cs). It reads and writes the server's own JSON shapes (<c>OrleansNlp.Contracts</c>) with the
/// server's own conventions (<see cref="JsonDefaults"/>). Errors the server answers with become <see cref="OrleansNlpApiException"/>.
/// </summary>
public sealed partial class OrleansNlpClient : IDisposable
{
    public const string ApiKeyHeader = "X-Api-Key";
    public const string IdempotencyKeyHeader = "Idempotency-Key";
    public const string HubPath = "hubs/jobs";
    public const string ProgressEvent = "jobProgress";
    private const string JobsPath = "api/jobs";
    private const string StatsPath = "api/stats";
    private const string SubscribeMethod = "Subscribe";

    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly string? _apiKey;
    private readonly HttpTransportType? _hubTransports;
    private readonly Func<HttpMessageHandler>? _hubHandlerFactory;

    /// <summary>A client with its own HttpClient, disposed with it.</summary>
    public OrleansNlpClient(OrleansNlpClientOptions options)
        : this(new HttpClient(), WithDefaultAddress(options))
    {
        _ownsHttp = true;
    }

    /// <summary>A client over a caller's HttpClient (for instance one from IHttpClientFactory or a test server).</summary>
    /// <param name="http">Sends the REST calls. Not disposed by this client.</param>
    /// <param name="options">Base address (else the HttpClient's) and API key.</param>
    /// <param name="hubHandlerFactory">Creates the handler for the hub's HTTP requests; a test server's
    /// <c>CreateHandler</c> routes live progress through it (with long polling unless transports are set).</param>
    public OrleansNlpClient(HttpClient http, OrleansNlpClientOptions? options = null, Func<HttpMessageHandler>? hubHandlerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        options ??= new OrleansNlpClientOptions();
        var baseAddress = options.BaseAddress ?? http.BaseAddress ?? throw new ArgumentException(
            "Give the frontend's address in OrleansNlpClientOptions.BaseAddress or HttpClient.BaseAddress.", nameof(options));
        // Without the trailing slash, relative paths would replace the base address's last segment.
        BaseAddress = baseAddress.AbsoluteUri.EndsWith('/') ? baseAddress : new Uri(baseAddress.AbsoluteUri + "/");
        _http = http;
        _apiKey = string.IsNullOrEmpty(options.ApiKey) ? null : options.ApiKey;
        _hubHandlerFactory = hubHandlerFactory;
        _hubTransports = options.HubTransports ?? (hubHandlerFactory is null ? null : HttpTransportType.LongPolling);
    }

    /// <summary>The frontend's root URL, ending with a slash.</summary>
    public Uri BaseAddress { get; }

    /// <summary>Submits a job (POST /api/jobs). The answer comes at once, with the job pending.</summary>
    /// <param name="metadata">Any JSON object (an anonymous object, a dictionary, a JsonElement); returned with the job.</param>
    /// <param name="idempotencyKey">Repeating a request with the same key returns the same job instead of a new one.</param>
    /// <param name="callbackUrl">Where the server POSTs the final job (signed); its host must be on the server's allow list.</param>
    public Task<JobResponse> SubmitAsync(string text, string? instruction = null, object? metadata = null, JobPriority? priority = null,
        string? idempotencyKey = null, string? callbackUrl = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        return SubmitAsync(new SubmitJobRequest(text, instruction, ToJson(metadata), priority, callbackUrl), idempotencyKey, cancellationToken);
    }

    /// <summary>Submits a job (POST /api/jobs) given as the API's own request body.</summary>
    /// <param name="idempotencyKey">Repeating a request with the same key returns the same job instead of a new one.</param>
    public async Task<JobResponse> SubmitAsync(SubmitJobRequest job, string? idempotencyKey = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        using var request = NewRequest(HttpMethod.Post, JobsPath);
        request.Content = JsonContent.Create(job, options: JsonDefaults.Options);
        if (idempotencyKey is not null)
        {
            request.Headers.TryAddWithoutValidation(IdempotencyKeyHeader, idempotencyKey);
        }

        using var response = await _http.SendAsync(request, cancellationToken);
        return await ReadAsync<JobResponse>(response, cancellationToken);
    }

    /// <summary>Reads a job (GET /api/jobs/{id}); null when no job has this id (or it expired).</summary>
    public Task<JobResponse?> GetAsync(string jobId, CancellationToken cancellationToken = default) =>
        GetAsync(jobId, includeVector: false, cancellationToken);

    /// <summary>Reads a job (GET /api/jobs/{id}); null when no job has this id (or it expired).</summary>
    /// <param name="includeVector">Also return the document embedding (result.embedding.vector).</param>
    public async Task<JobResponse?> GetAsync(string jobId, bool includeVector, CancellationToken cancellationToken = default)
    {
        using var request = NewRequest(HttpMethod.Get, JobPath(jobId) + (includeVector ? "?include=vector" : ""));
        using var response = await _http.SendAsync(request, cancellationToken);
        return IsNotFoundProblem(response) ? null : await ReadAsync<JobResponse>(response, cancellationToken);
    }

    /// <summary>Lists jobs with a status, newest first (GET /api/jobs?status=…), one page at a time.</summary>
    /// <param name="limit">Jobs per page, 1 to 100 (the server's default is 20).</param>
    /// <param name="cursor">The <see cref="JobListResponse.NextCursor"/> of the previous page; null for the first.</param>
    public async Task<JobListResponse> ListAsync(JobStatus status, int? limit = null, string? cursor = null, CancellationToken cancellationToken = default)
    {
        var query = $"?status={JsonSerializer.SerializeToElement(status, JsonDefaults.Options).GetString()}"
            + (limit is { } pageSize ? $"&limit={pageSize}" : "")
            + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}");
        using var request = NewRequest(HttpMethod.Get, JobsPath + query);
        using var response = await _http.SendAsync(request, cancellationToken);
        return await ReadAsync<JobListResponse>(response, cancellationToken);
    }

    /// <summary>Cancels a pending or running job (DELETE /api/jobs/{id}) and returns it; a job that already ended is
    /// returned unchanged. Null when no job has this id.</summary>
    public async Task<JobResponse?> CancelAsync(string jobId, CancellationToken cancellationToken = default)
    {
        using var request = NewRequest(HttpMethod.Delete, JobPath(jobId));
        using var response = await _http.SendAsync(request, cancellationToken);
        return IsNotFoundProblem(response) ? null : await ReadAsync<JobResponse>(response, cancellationToken);
    }

    /// <summary>Runs a failed job again from its last checkpoint (POST /api/jobs/{id}/retry) and returns it, pending
    /// again. Null when no job has this id.</summary>
    /// <exception cref="OrleansNlpApiException">409 when the job is not failed.</exception>
    public async Task<JobResponse?> RetryAsync(string jobId, CancellationToken cancellationToken = default)
    {
        using var request = NewRequest(HttpMethod.Post, JobPath(jobId) + "/retry");
        using var response = await _http.SendAsync(request, cancellationToken);
        return IsNotFoundProblem(response) ? null : await ReadAsync<JobResponse>(response, cancellationToken);
    }

    /// <summary>The operations view (GET /api/stats): with an admin key (or keys off) the whole cluster's job counts,
    /// throughput, jobs waiting per stage and silos; with another key only the counts of that key's jobs
    /// (<see cref="StatsScope.Owner"/>, the cluster-wide fields null).</summary>
    public async Task<StatsResponse> StatsAsync(CancellationToken cancellationToken = default)
    {
        using var request = NewRequest(HttpMethod.Get, StatsPath);
        using var response = await _http.SendAsync(request, cancellationToken);
        return await ReadAsync<StatsResponse>(response, cancellationToken);
    }

    /// <summary>Submits a job, then polls it until it ends. Returns the final job, whatever its status.</summary>
    /// <exception cref="JobWaitTimeoutException">The job had not ended after <paramref name="timeout"/>; it goes on.</exception>
    public async Task<JobResponse> SubmitAndWaitAsync(string text, TimeSpan pollInterval, TimeSpan timeout, string? instruction = null,
        object? metadata = null, JobPriority? priority = null, string? idempotencyKey = null, string? callbackUrl = null,
        CancellationToken cancellationToken = default)
    {
        ValidateWait(pollInterval, timeout);
        var clock = Stopwatch.StartNew();
        var job = await SubmitAsync(text, instruction, metadata, priority, idempotencyKey, callbackUrl, cancellationToken);
        return await PollAsync(job, pollInterval, timeout, clock, cancellationToken);
    }

    /// <summary>Polls a job until it ends and returns it.</summary>
    /// <exception cref="OrleansNlpApiException">404 when no job has this id.</exception>
    /// <exception cref="JobWaitTimeoutException">The job had not ended after <paramref name="timeout"/>; it goes on.</exception>
    public async Task<JobResponse> WaitAsync(string jobId, TimeSpan pollInterval, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ValidateWait(pollInterval, timeout);
        var clock = Stopwatch.StartNew();
        var job = await GetAsync(jobId, cancellationToken) ?? throw JobNotFound(jobId);
        return await PollAsync(job, pollInterval, timeout, clock, cancellationToken);
    }

    /// <summary>
    /// Watches a job over the SignalR hub: yields its current state first, then every later transition, and completes
    /// after the final one (completed, failed or cancelled). Versions only increase; after a reconnection the
    /// job's fresh snapshot is yielded.
    /// </summary>
    /// <exception cref="OrleansNlpApiException">404 when no job has this id; 401 or 403 when the hub refused the API key.</exception>
    /// <exception cref="HttpRequestException">The hub could not be reached (polling GetAsync may still work).</exception>
    /// <exception cref="IOException">The connection was lost for good before the job ended, or the hub failed to subscribe
    /// (a server error rather than a refusal).</exception>
    public async IAsyncEnumerable<JobProgress> WatchAsync(string jobId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(jobId);
        var events = Channel.CreateUnbounded<JobProgress>(new UnboundedChannelOptions { SingleReader = true });
        await using var connection = CreateHubConnection();
        connection.On<JobProgress>(ProgressEvent, progress =>
        {
            if (progress.JobId == jobId)
            {
                events.Writer.TryWrite(progress);
            }
        });
        connection.Reconnected += async _ =>
        {
            // The server dropped the old connection's subscriptions; subscribing again sends a fresh snapshot.
            try
            {
                await SubscribeAsync(connection, jobId, CancellationToken.None);
            }
            catch (Exception exception)
            {
                events.Writer.TryComplete(exception);
            }
        };
        connection.Closed += exception =>
        {
            events.Writer.TryComplete(new IOException($"The live connection closed before job {jobId} ended.", exception));
            return Task.CompletedTask;
        };

        await StartAsync(connection, cancellationToken);
        await SubscribeAsync(connection, jobId, cancellationToken);

        long seen = 0;
        await foreach (var progress in events.Reader.ReadAllAsync(cancellationToken))
        {
            if (progress.Version != 0 && progress.Version <= seen)
            {
                continue;
            }

            seen = progress.Version;
            yield return progress;
            if (progress.IsFinal)
            {
                yield break;
            }
        }

        throw new IOException($"The live connection closed before job {jobId} ended.");
    }

    public void Dispose()
    {
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }

    private static OrleansNlpClientOptions WithDefaultAddress(OrleansNlpClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options with { BaseAddress = options.BaseAddress ?? OrleansNlpClientOptions.DefaultBaseAddress };
    }

    private HubConnection CreateHubConnection() =>
        new HubConnectionBuilder()
            .WithUrl(new Uri(BaseAddress, HubPath), options =>
            {
                if (_apiKey is not null)
                {
                    options.Headers[ApiKeyHeader] = _apiKey;
                }

                if (_hubTransports is { } transports)
                {
                    options.Transports = transports;
                }

                if (_hubHandlerFactory is { } factory)
                {
                    options.HttpMessageHandlerFactory = _ => factory();
                }
            })
            .AddJsonProtocol(options => JsonDefaults.Apply(options.PayloadSerializerOptions))
            .WithAutomaticReconnect()
            .Build();

    private static async Task StartAsync(HubConnection connection, CancellationToken cancellationToken)
    {
        try
        {
            await connection.StartAsync(cancellationToken);
        }
        catch (HttpRequestException exception) when (exception.StatusCode is { } status and (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden))
        {
            // Other failures stay HttpRequestExceptions: a caller may fall back to polling, which a refused key would not help.
            throw new OrleansNlpApiException(status, "The progress hub refused the connection", exception.Message, innerException: exception);
        }
    }

    private static async Task SubscribeAsync(HubConnection connection, string jobId, CancellationToken cancellationToken)
    {
        try
        {
            await connection.InvokeAsync(SubscribeMethod, jobId, cancellationToken);
        }
        catch (HubException exception)
        {
            // The hub's message is the contract: "No job has the id '…'." or "'…' is not a valid job id."
            const string marker = "HubException: ";
            var at = exception.Message.IndexOf(marker, StringComparison.Ordinal);
            var detail = at < 0 ? exception.Message : exception.Message[(at + marker.Length)..];
            // Anything else is the server failing (storage or a silo down): like a lost connection, the REST API may still answer.
            throw detail.Contains("No job has the id", StringComparison.Ordinal)
                ? new OrleansNlpApiException(HttpStatusCode.NotFound, "Job not found", detail, innerException: exception)
                : detail.Contains("is not a valid job id", StringComparison.Ordinal)
                    ? new OrleansNlpApiException(HttpStatusCode.BadRequest, "The progress hub refused the subscription", detail, innerException: exception)
                    : new IOException($"The progress hub could not subscribe to job {jobId}: {detail}", exception);
        }
    }

    private async Task<JobResponse> PollAsync(JobResponse job, TimeSpan pollInterval, TimeSpan timeout, Stopwatch clock, CancellationToken cancellationToken)
    {
        var delay = pollInterval;
        while (true)
        {
            if (job.IsFinal)
            {
                return job;
            }

            var remaining = timeout - clock.Elapsed;
            if (remaining <= TimeSpan.Zero)
            {
                throw new JobWaitTimeoutException(job.JobId, timeout, job);
            }

            await Task.Delay(delay < remaining ? delay : remaining, cancellationToken);
            try
            {
                job = await GetAsync(job.JobId, cancellationToken) ?? throw JobNotFound(job.JobId);
                delay = pollInterval;
            }
            catch (OrleansNlpApiException exception) when (exception.StatusCode == HttpStatusCode.ServiceUnavailable)
            {
                // Storage or a silo briefly down: the job goes on, so the wait does too (as a batch's wait), keeping the
                // last answer.
                delay = exception.RetryAfter is { } asked && asked > pollInterval ? asked : pollInterval;
            }
        }
    }

    private HttpRequestMessage NewRequest(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, new Uri(BaseAddress, path));
        request.Headers.Accept.ParseAdd("application/json");
        if (_apiKey is not null)
        {
            request.Headers.TryAddWithoutValidation(ApiKeyHeader, _apiKey);
        }

        return request;
    }

    private static string JobPath(string jobId)
    {
        ArgumentException.ThrowIfNullOrEmpty(jobId);
        return $"{JobsPath}/{Uri.EscapeDataString(jobId)}";
    }

    /// <summary>The frontend's own 404 is a problem document; any other 404 (a wrong base address) is an error.</summary>
    private static bool IsNotFoundProblem(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.NotFound && response.Content.Headers.ContentType?.MediaType == "application/problem+json";

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken) where T : class
    {
        if (!response.IsSuccessStatusCode)
        {
            throw await OrleansNlpApiException.FromResponseAsync(response, cancellationToken);
        }

        return await response.Content.ReadFromJsonAsync<T>(JsonDefaults.Options, cancellationToken)
            ?? throw new InvalidDataException($"{response.RequestMessage?.RequestUri} answered {(int)response.StatusCode} without a body.");
    }

    /// <summary>Metadata as the request body carries it: a JsonElement as is, anything else serialised with the API's conventions.</summary>
    private static JsonElement? ToJson(object? metadata) => metadata switch
    {
        null => null,
        JsonElement element => element,
        _ => JsonSerializer.SerializeToElement(metadata, metadata.GetType(), JsonDefaults.Options),
    };

    private static OrleansNlpApiException JobNotFound(string jobId) =>
        new(HttpStatusCode.NotFound, "Job not found", $"No job has the id '{jobId}'.");

    private static void ValidateWait(TimeSpan pollInterval, TimeSpan timeout)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(pollInterval, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(timeout, TimeSpan.Zero);
    }
}
