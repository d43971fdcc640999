using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using OrleansNlp.Tests.Infrastructure;
using OrleansNlp.Webhooks;

namespace OrleansNlp.Tests;

[Trait(TestCategory.Trait, TestCategory.Live)]
[Collection(EmbeddedWebCollection.Name)]
public sealed class WebhookTests(EmbeddedWebFactory factory)
{
    private readonly HttpClient _http = factory.CreateClient();

    [Fact]
    public async Task FinalSnapshot_IsPostedSigned_AfterAFailedAttempt_AndDeliveredOnce()
    {
        await using var receiver = await WebhookReceiver.StartAsync(failFirst: 1, factory.WebhookPort);

        var jobId = await SubmitAsync(receiver.Url.ToString());
        var job = await Wait.UntilAsync(
            () => _http.GetFromJsonAsync<JsonElement>($"/api/jobs/{jobId}"),
            j => j.GetProperty("webhook").GetProperty("deliveredAt").ValueKind == JsonValueKind.String,
            TimeSpan.FromSeconds(30),
            "the webhook to be delivered");

        var deliveries = receiver.Deliveries.ToArray();
        Assert.Equal([500, 200], deliveries.Select(d => d.Answer));
        Assert.Equal(2, job.GetProperty("webhook").GetProperty("attempts").GetInt32());
        var (_, body, headers) = deliveries[^1];
        Assert.Equal(jobId, headers["X-OrleansNlp-Job-Id"].ToString());
        var snapshot = JsonDocument.Parse(body).RootElement;
        Assert.Equal(jobId, snapshot.GetProperty("jobId").GetString());
        Assert.Equal("completed", snapshot.GetProperty("status").GetString());
        Assert.Contains(snapshot.GetProperty("result").GetProperty("analysis").GetProperty("topWords").EnumerateArray(),
            word => word.GetProperty("word").GetString() == "webhooks");
    }

    [Fact]
    public async Task Delivery_CarriesATimestamp_AndASignatureOverTimestampAndBody_ThatAReceiverVerifies()
    {
        await using var receiver = await WebhookReceiver.StartAsync(failFirst: 0, factory.WebhookPort);

        await SubmitAsync(receiver.Url.ToString());
        await Wait.UntilAsync(() => Task.FromResult(receiver.Deliveries.Count), count => count > 0, TimeSpan.FromSeconds(30), "a delivery");

        // Verified as docs/security.md tells a receiver to: recompute, compare in constant time, check the window.
        var (_, body, headers) = receiver.Deliveries.Single();
        var timestamp = headers["X-OrleansNlp-Timestamp"].ToString();
        Assert.True(long.TryParse(timestamp, out var seconds), $"'{timestamp}' is not Unix seconds");
        Assert.InRange(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - seconds, -60, 300);
        var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(
            Encoding.UTF8.GetBytes(EmbeddedWebFactory.WebhookSecret), Encoding.UTF8.GetBytes(timestamp + "." + body)));
        var signature = headers["X-OrleansNlp-Signature"].ToString();
        Assert.True(CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(signature)),
            $"signature {signature} is not {expected}");

        // The signature binds the timestamp: the same body under another timestamp does not verify.
        var replayed = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(
            Encoding.UTF8.GetBytes(EmbeddedWebFactory.WebhookSecret), Encoding.UTF8.GetBytes(seconds + 600 + "." + body)));
        Assert.NotEqual(replayed, signature);
    }

    [Fact]
    public async Task ReceiverThatKeepsFailing_IsRecordedAsItsStatusCodeOnly()
    {
        await using var receiver = await WebhookReceiver.StartAsync(failFirst: int.MaxValue, factory.WebhookPort);

        var jobId = await SubmitAsync(receiver.Url.ToString());
        var webhook = await WaitForLastErrorAsync(jobId);

        Assert.Equal("receiver answered 500", webhook.GetProperty("lastError").GetString());
    }

    [Fact]
    public async Task ConnectionFailure_IsRecordedWithoutHostPortOrAddress()
    {
        // Nothing listens on the allowed port: the connection is refused.
        var callbackUrl = $"http://127.0.0.1:{factory.WebhookPort}/hooks/{Guid.NewGuid():N}";

        var jobId = await SubmitAsync(callbackUrl);
        var webhook = await WaitForLastErrorAsync(jobId);

        var lastError = webhook.GetProperty("lastError").GetString()!;
        Assert.Equal("connection failed", lastError);
        Assert.DoesNotContain("127.0.0.1", lastError);
        Assert.DoesNotContain(factory.WebhookPort.ToString(), lastError);
    }

    [Theory]
    [InlineData("http://169.254.169.254/latest/meta-data")]
    [InlineData("http://localhost:9/hook")]
    [InlineData("ftp://127.0.0.1/hook")]
    [InlineData("http://user:password@127.0.0.1/hook")]
    [InlineData("not a url")]
    public async Task CallbackUrl_NotOnTheAllowList_Is400(string callbackUrl)
    {
        await AssertRefusedAsync(callbackUrl);
    }

    [Theory]
    [InlineData("http://127.0.0.1:6379/hook")]
    [InlineData("http://127.0.0.1:22/hook")]
    [InlineData("https://127.0.0.1:8443/hook")]
    public async Task CallbackUrl_OnAPortNotAllowed_Is400(string callbackUrl)
    {
        var message = await AssertRefusedAsync(callbackUrl);

        Assert.Contains("port", message);
    }

    [Fact]
    public async Task CallbackUrl_LongerThan2048Characters_Is400()
    {
        var prefix = $"http://127.0.0.1:{factory.WebhookPort}/hooks/";
        var callbackUrl = prefix + new string('a', 2049 - prefix.Length);

        var message = await AssertRefusedAsync(callbackUrl);

        Assert.Contains("2048", message);
    }

    private async Task<string> SubmitAsync(string callbackUrl)
    {
        var response = await _http.PostAsJsonAsync("/api/jobs", new { text = "Webhooks tell the caller when a job ends.", callbackUrl });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("jobId").GetString()!;
    }

    private async Task<JsonElement> WaitForLastErrorAsync(string jobId)
    {
        var job = await Wait.UntilAsync(
            () => _http.GetFromJsonAsync<JsonElement>($"/api/jobs/{jobId}"),
            j => j.GetProperty("webhook").GetProperty("lastError").ValueKind == JsonValueKind.String,
            TimeSpan.FromSeconds(30),
            "a failed delivery to be recorded");
        return job.GetProperty("webhook");
    }

    /// <summary>Asserts a 400 problem naming callbackUrl and returns its message.</summary>
    private async Task<string> AssertRefusedAsync(string callbackUrl)
    {
        var response = await _http.PostAsJsonAsync("/api/jobs", new { text = "Never call internal addresses.", callbackUrl });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("callbackUrl", out var messages));
        return messages[0].GetString()!;
    }
}
