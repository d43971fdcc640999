using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using OrleansNlp.Models;

namespace OrleansNlp.Webhooks;

/// <summary>POSTs a job's final snapshot (the REST JSON) to its callbackUrl, signed with HMAC-SHA256 of the body.</summary>
public sealed class WebhookSender(IHttpClientFactory httpClients, IOptions<WebhookOptions> options)
{
    public const string HttpClientName = "webhooks";

    public async Task SendAsync(string callbackUrl, JobSnapshot snapshot, CancellationToken ct)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(snapshot.ToResponse(), JsonDefaults.Options);
        using var request = new HttpRequestMessage(HttpMethod.Post, callbackUrl) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add(WebhookOptions.JobIdHeader, snapshot.JobId);
        if (options.Value.Secret is { Length: > 0 } secret)
        {
            request.Headers.Add(WebhookOptions.SignatureHeader, Sign(secret, body));
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(options.Value.Timeout);
        using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, timeout.Token);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"The webhook receiver answered {(int)response.StatusCode} {response.ReasonPhrase}", null, response.StatusCode);
        }
    }

    /// <summary>"sha256=" + lowercase hex of HMAC-SHA256(secret, body): what receivers recompute to verify.</summary>
    public static string Sign(string secret, byte[] body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
}
