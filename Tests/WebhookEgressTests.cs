using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OrleansNlp.Tests.Infrastructure;

namespace OrleansNlp.Tests;

/// <summary>Webhooks under the production egress policy: a name on the allow-list does not make an internal address
/// reachable. The receiver is real and listening; it must get nothing.</summary>
[Collection(EgressGuardedWebCollection.Name)]
public sealed class WebhookEgressTests(EgressGuardedWebFactory factory)
{
    private readonly HttpClient _http = factory.CreateClient();

    [Fact]
    public async Task AllowedName_ResolvingToLoopback_IsBlocked_AndTheReceiverGetsNothing()
    {
        await using var receiver = await WebhookReceiver.StartAsync(failFirst: 0, factory.WebhookPort);
        var callbackUrl = $"http://localhost:{factory.WebhookPort}{receiver.Url.AbsolutePath}";

        var response = await _http.PostAsJsonAsync("/api/jobs", new { text = "An allowed name is not an allowed address.", callbackUrl });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var jobId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("jobId").GetString();

        var job = await Wait.UntilAsync(
            () => _http.GetFromJsonAsync<JsonElement>($"/api/jobs/{jobId}"),
            j => j.GetProperty("webhook").GetProperty("lastError").ValueKind == JsonValueKind.String
                 || j.GetProperty("webhook").GetProperty("deliveredAt").ValueKind == JsonValueKind.String,
            TimeSpan.FromSeconds(30),
            "the delivery to be refused or made");

        Assert.Empty(receiver.Deliveries);
        Assert.Equal("blocked: private address", job.GetProperty("webhook").GetProperty("lastError").GetString());
    }
}
