using System.Net.Http.Headers;
using System.Text.Json;

namespace OrleansNlp.Bench.Batch;

/// <summary>Follows a job's or a batch's Server-Sent Events (<c>GET …/events</c>: the current snapshot, then each change)
/// until an event whose <c>status</c> is final, and returns that event's data.</summary>
public static class ProgressEventStream
{
    private const string DataPrefix = "data: ";

    public static async Task<JsonElement> ReadUntilFinalAsync(HttpClient http, Uri events, string? apiKey, Func<string?, bool> isFinal, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, events);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (apiKey is not null)
        {
            request.Headers.Add("X-Api-Key", apiKey);
        }

        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        response.EnsureSuccessStatusCode();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(ct));
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            if (!line.StartsWith(DataPrefix, StringComparison.Ordinal))
            {
                continue;
            }

            using var data = JsonDocument.Parse(line.AsMemory(DataPrefix.Length));
            if (isFinal(data.RootElement.GetProperty("status").GetString()))
            {
                return data.RootElement.Clone();
            }
        }

        throw new IOException($"{events} ended before a final event.");
    }
}
