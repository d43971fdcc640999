using System.Net;
using System.Net.Http.Json;
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
        await using var receiver = await WebhookReceiver.StartAsync(failFirst: 1);

        var response = await _http.PostAsJsonAsync("/api/jobs", new { text = "Webhooks tell the caller when a job ends.", callbackUrl = receiver.Url.ToString() });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var jobId = await response.ReadJobIdAsync();

        var job = await _http.WaitForJobAsync(
            jobId,
            j => j.GetProperty("webhook").GetProperty("deliveredAt").ValueKind == JsonValueKind.String,
            "the webhook to be delivered");

        var deliveries = receiver.Deliveries.ToArray();
        Assert.Equal([500, 200], deliveries.Select(d => d.Answer));
        Assert.Equal(2, job.GetProperty("webhook").GetProperty("attempts").GetInt32());
        var (_, body, headers) = deliveries[^1];
        var expected = WebhookSender.Sign(EmbeddedWebFactory.WebhookSecret, Encoding.UTF8.GetBytes(body));
        Assert.Equal(expected, headers[WebhookOptions.SignatureHeader].ToString());
        Assert.Equal(jobId, headers[WebhookOptions.JobIdHeader].ToString());
        var snapshot = JsonDocument.Parse(body).RootElement;
        Assert.Equal(jobId, snapshot.GetProperty("jobId").GetString());
        Assert.Equal("completed", snapshot.GetProperty("status").GetString());
        Assert.Contains(snapshot.GetProperty("result").GetProperty("analysis").GetProperty("topWords").EnumerateArray(),
            word => word.GetProperty("word").GetString() == "webhooks");
    }

    [Theory]
    [InlineData("http://169.254.169.254/latest/meta-data")]
    [InlineData("http://localhost:9/hook")]
    [InlineData("ftp://127.0.0.1/hook")]
    [InlineData("not a url")]
    public async Task CallbackUrl_NotOnTheAllowList_Is400(string callbackUrl)
    {
        var response = await _http.PostAsJsonAsync("/api/jobs", new { text = "Never call internal addresses.", callbackUrl });

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "callbackUrl");
    }
}
