using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OrleansNlp.Tests.Infrastructure;

namespace OrleansNlp.Tests;

/// <summary>Webhooks under the production egress policy: a name on the allow-list does not make an internal address
/// reachable. The receiver is real and listening on loopback; it must get nothing.</summary>
[Trait(TestCategory.Trait, TestCategory.Live)]
[Collection(EgressGuardedWebCollection.Name)]
public sealed class WebhookEgressTests(EgressGuardedWebFactory factory)
{
    private readonly HttpClient _http = factory.CreateClient();

    [Theory]
    [InlineData("localhost")]
    [InlineData("rebound.example.test")]
    [InlineData("mapped.example.test")]
    public async Task AllowedName_ResolvingToLoopback_IsBlocked_AndTheReceiverGetsNothing(string host)
    {
        await using var receiver = await WebhookReceiver.StartAsync(failFirst: 0, factory.WebhookPort);

        var webhook = await DeliverAsync($"http://{host}:{factory.WebhookPort}{receiver.Url.AbsolutePath}");

        Assert.Empty(receiver.Deliveries);
        Assert.Equal("blocked: private address", webhook.GetProperty("lastError").GetString());
        Assert.Equal(JsonValueKind.Null, webhook.GetProperty("deliveredAt").ValueKind);
    }

    [Fact]
    public async Task AllowedName_ResolvingToCloudMetadata_IsBlocked()
    {
        var webhook = await DeliverAsync($"http://metadata.example.test:{factory.WebhookPort}/latest/meta-data");

        Assert.Equal("blocked: metadata address", webhook.GetProperty("lastError").GetString());
    }

    [Fact]
    public async Task BlockedDelivery_IsNotRetried()
    {
        await using var receiver = await WebhookReceiver.StartAsync(failFirst: 0, factory.WebhookPort);

        var webhook = await DeliverAsync($"http://localhost:{factory.WebhookPort}{receiver.Url.AbsolutePath}");

        // One refused attempt, then delivery is given up (attempts = Webhooks:MaxAttempts, 10): no more rounds.
        Assert.Equal(10, webhook.GetProperty("attempts").GetInt32());
        Assert.Empty(receiver.Deliveries);
    }

    /// <summary>Submits a job with <paramref name="callbackUrl"/> and returns its webhook record once delivery was
    /// made or refused.</summary>
    private async Task<JsonElement> DeliverAsync(string callbackUrl)
    {
        var response = await _http.PostAsJsonAsync("/api/jobs", new { text = "An allowed name is not an allowed address.", callbackUrl });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var jobId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("jobId").GetString();

        var job = await Wait.UntilAsync(
            () => _http.GetFromJsonAsync<JsonElement>($"/api/jobs/{jobId}"),
            j => j.GetProperty("webhook").GetProperty("lastError").ValueKind == JsonValueKind.String
                 || j.GetProperty("webhook").GetProperty("deliveredAt").ValueKind == JsonValueKind.String,
            TimeSpan.FromSeconds(30),
            "the delivery to be refused or made");
        return job.GetProperty("webhook");
    }
}
