using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using OrleansNlp.Models;

namespace OrleansNlp.Webhooks;

/// <summary>POSTs a job's final snapshot (the REST JSON) to its callbackUrl with a timestamp and, when a secret is
/// set, an HMAC-SHA256 signature of timestamp + "." + body (a captured delivery cannot be replayed later with a
/// fresh timestamp).</summary>
public sealed class WebhookSender(IHttpClientFactory httpClients, IOptions<WebhookOptions> options)
{
    public const string HttpClientName = "webhooks";

    public async Task SendAsync(string callbackUrl, JobSnapshot snapshot, CancellationToken ct)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(snapshot.ToResponse(), JsonDefaults.Options);
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, callbackUrl) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add(WebhookOptions.JobIdHeader, snapshot.JobId);
        request.Headers.Add(WebhookOptions.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        if (options.Value.Secret is { Length: > 0 } secret)
        {
            request.Headers.Add(WebhookOptions.SignatureHeader, Sign(secret, timestamp, body));
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(options.Value.Timeout);
        using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, timeout.Token);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"The webhook receiver answered {(int)response.StatusCode} {response.ReasonPhrase}", null, response.StatusCode);
        }
    }

    /// <summary>"sha256=" + lowercase hex of HMAC-SHA256(secret, timestamp + "." + body), the secret and the
    /// timestamp (Unix seconds, decimal) as UTF-8: what receivers recompute to verify.</summary>
    public static string Sign(string secret, long timestamp, ReadOnlySpan<byte> body)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret));
        hmac.AppendData(Encoding.UTF8.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + "."));
        hmac.AppendData(body);
        return "sha256=" + Convert.ToHexStringLower(hmac.GetHashAndReset());
    }
}
