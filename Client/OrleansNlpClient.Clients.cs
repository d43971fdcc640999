using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using OrleansNlp.Contracts;

namespace OrleansNlp.Client;

/// <summary>Per-client streams: every job submitted with one clientId, followed live over Server-Sent Events.</summary>
public sealed partial class OrleansNlpClient
{
    /// <summary>
    /// Follows every job submitted with <paramref name="clientId"/> (GET /api/clients/{clientId}/events): first a snapshot
    /// of each unfinished job, then each progress event of each of the client's jobs, new ones included. Per job the
    /// versions only go up. It never ends by itself: stop it with <paramref name="cancellationToken"/>. With API keys on,
    /// only this key's own jobs.
    /// </summary>
    /// <exception cref="OrleansNlpApiException">400 when the clientId is not valid; 401 or 403 when the key is refused.</exception>
    /// <exception cref="IOException">The stream was cut or ended (a proxy's idle timeout, a restart): call it again.</exception>
    public async IAsyncEnumerable<JobProgress> WatchClientAsync(string clientId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(clientId);
        using var request = NewRequest(HttpMethod.Get, $"api/clients/{Uri.EscapeDataString(clientId)}/events");
        request.Headers.Accept.ParseAdd("text/event-stream");
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw await OrleansNlpApiException.FromResponseAsync(response, cancellationToken);
        }

        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        var parser = SseParser.Create(body, (_, data) => JsonSerializer.Deserialize<JobProgress>(data, JsonDefaults.Options));
        await foreach (var item in parser.EnumerateAsync(cancellationToken))
        {
            if (item.EventType == "progress" && item.Data is { } progress)
            {
                yield return progress;
            }
        }

        // The server never ends the stream: a proxy or a restart did. Said like a dropped connection, so callers retry.
        cancellationToken.ThrowIfCancellationRequested();
        throw new IOException($"The event stream of client '{clientId}' ended; call WatchClientAsync again to go on.");
    }
}
