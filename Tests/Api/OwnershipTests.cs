using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using OrleansNlp.Contracts;
using OrleansNlp.Tests.Infrastructure;

namespace OrleansNlp.Tests;

/// <summary>With API keys on, each key sees only its own jobs: another owner's job answers exactly like an unknown id
/// on every route (REST, SSE, SignalR), lists hold only the caller's jobs, and the result cache is per owner.</summary>
[Trait(TestCategory.Trait, TestCategory.Api)]
public sealed class OwnershipTests(OwnersWebFactory factory) : IClassFixture<OwnersWebFactory>
{
    private readonly HttpClient _alice = factory.ClientWithKey(OwnersWebFactory.Alice);
    private readonly HttpClient _bob = factory.ClientWithKey(OwnersWebFactory.Bob);

    private async Task<string> AliceCompletedJobAsync(string text)
    {
        var response = await _alice.PostAsJsonAsync("/api/jobs", new { text, metadata = new { secret = "alice's" } });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var jobId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("jobId").GetString()!;
        Assert.Equal("completed", (await _alice.FinalJobAsync(jobId)).GetProperty("status").GetString());
        return jobId;
    }

    private static async Task<string> NotFoundBodyAsync(HttpResponseMessage response, string jobId)
    {
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        // Everything but the trace id, which differs per request.
        return string.Join("|", problem.EnumerateObject().Where(p => p.Name != "traceId").Select(p => $"{p.Name}={p.Value}")).Replace(jobId, "ID");
    }

    [Fact]
    public async Task AnotherOwnersJob_Is404OnEveryRoute_ExactlyLikeAnUnknownId()
    {
        var jobId = await AliceCompletedJobAsync($"Alice's private text {Guid.NewGuid()}.");
        var unknown = Guid.NewGuid().ToString("N");

        foreach (var (method, path) in new[] { ("GET", "/api/jobs/{0}"), ("DELETE", "/api/jobs/{0}"), ("POST", "/api/jobs/{0}/retry"), ("GET", "/api/jobs/{0}/events") })
        {
            var other = await _bob.SendAsync(new HttpRequestMessage(new HttpMethod(method), string.Format(path, jobId)));
            var missing = await _bob.SendAsync(new HttpRequestMessage(new HttpMethod(method), string.Format(path, unknown)));
            Assert.Equal(await NotFoundBodyAsync(missing, unknown), await NotFoundBodyAsync(other, jobId));
        }

        var own = await _alice.GetFromJsonAsync<JsonElement>($"/api/jobs/{jobId}");
        Assert.Equal("completed", own.GetProperty("status").GetString());
        Assert.Equal("alice's", own.GetProperty("metadata").GetProperty("secret").GetString());
    }

    [Fact]
    public async Task AnotherOwnersJob_CannotBeCancelled()
    {
        var response = await _alice.PostAsJsonAsync("/api/jobs", new { text = $"[embed:gate:7301] Alice waits {Guid.NewGuid()}." });
        var jobId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("jobId").GetString()!;
        try
        {
            Assert.Equal(HttpStatusCode.NotFound, (await _bob.DeleteAsync($"/api/jobs/{jobId}")).StatusCode);
        }
        finally
        {
            FaultInjection.OpenGate(7301);
        }

        Assert.Equal("completed", (await _alice.FinalJobAsync(jobId)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task SignalRSubscribe_ToAnotherOwnersJob_IsRefusedLikeAnUnknownId()
    {
        var jobId = await AliceCompletedJobAsync($"Alice's watched text {Guid.NewGuid()}.");
        await using var bob = await HubClient.ConnectAsync(factory, OwnersWebFactory.Bob);
        await using var alice = await HubClient.ConnectAsync(factory, OwnersWebFactory.Alice);

        var refused = await Assert.ThrowsAsync<HubException>(() => bob.Connection.InvokeAsync("Subscribe", jobId));
        var unknown = await Assert.ThrowsAsync<HubException>(() => bob.Connection.InvokeAsync("Subscribe", "no-such-job"));
        Assert.Equal(unknown.Message.Replace("no-such-job", "ID"), refused.Message.Replace(jobId, "ID"));
        Assert.False(bob.TryRead(out _), "Bob must receive no event of Alice's job");

        await alice.Connection.InvokeAsync("Subscribe", jobId);
        var events = await alice.UntilFinalAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(jobId, events.Last().JobId);
    }

    [Fact]
    public async Task Lists_HoldOnlyTheCallersJobs()
    {
        var jobId = await AliceCompletedJobAsync($"Alice's listed text {Guid.NewGuid()}.");

        async Task<string[]> ListAsync(HttpClient http)
        {
            var page = await http.GetFromJsonAsync<JsonElement>("/api/jobs?status=completed&limit=100");
            return page.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("jobId").GetString()!).ToArray();
        }

        Assert.Contains(jobId, await ListAsync(_alice));
        Assert.DoesNotContain(jobId, await ListAsync(_bob));
    }

    [Fact]
    public async Task AnAdminKey_SeesListsAndCancelsEveryOwnersJobs()
    {
        var admin = factory.ClientWithKey(OwnersWebFactory.Admin);
        var jobId = await AliceCompletedJobAsync($"Alice's text an admin reads {Guid.NewGuid()}.");
        var response = await _alice.PostAsJsonAsync("/api/jobs", new { text = $"[embed:gate:7302] Alice waits for an admin {Guid.NewGuid()}." });
        var running = await response.ReadJobIdAsync();

        Assert.Equal("completed", (await admin.GetFromJsonAsync<JsonElement>($"/api/jobs/{jobId}")).GetProperty("status").GetString());
        var page = await admin.GetFromJsonAsync<JsonElement>("/api/jobs?status=completed&limit=100");
        Assert.Contains(jobId, page.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("jobId").GetString()));
        var cancelled = await admin.DeleteAsync($"/api/jobs/{running}");
        FaultInjection.OpenGate(7302);

        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        Assert.Equal("cancelled", (await _alice.FinalJobAsync(running)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task TheResultCache_IsPerOwner()
    {
        var text = $"A text both users send, word for word {Guid.NewGuid()}.";
        await AliceCompletedJobAsync(text);

        var bobsJob = await _bob.SubmitJobAsync(text);
        var alicesAgain = await _alice.SubmitJobAsync(text);

        Assert.False((await _bob.FinalJobAsync(bobsJob)).GetProperty("result").GetProperty("cached").GetBoolean());
        Assert.True((await _alice.FinalJobAsync(alicesAgain)).GetProperty("result").GetProperty("cached").GetBoolean());
    }

    [Fact]
    public async Task SameIdempotencyKey_FromTwoOwners_MakesTwoJobs()
    {
        var key = Guid.NewGuid().ToString();
        async Task<HttpResponseMessage> SubmitAsync(HttpClient http, string text)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/jobs") { Content = JsonContent.Create(new { text }) };
            request.Headers.Add("Idempotency-Key", key);
            return await http.SendAsync(request);
        }

        var alice = await SubmitAsync(_alice, "Alice's keyed text.");
        var bob = await SubmitAsync(_bob, "Bob's keyed text.");

        Assert.Equal(HttpStatusCode.Accepted, alice.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, bob.StatusCode);
        Assert.NotEqual(
            (await alice.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("jobId").GetString(),
            (await bob.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("jobId").GetString());
    }

    [Fact]
    public async Task AnotherOwnersBatch_Is404OnEveryRouteAndStream_ExactlyLikeAnUnknownId_AndAnAdminSeesIt()
    {
        var accepted = await _alice.SubmitBatchAsync([$"Alice's batch text one {Guid.NewGuid()}.", $"Alice's batch text two {Guid.NewGuid()}."]);
        var batchId = accepted.BatchId;
        await _alice.WaitForBatchAsync(batchId, b => b.Status == BatchStatus.Completed, "Alice's batch to complete", HttpAssertions.JobPatience);
        var unknown = Guid.NewGuid().ToString("N");

        foreach (var (method, path) in new[] { ("GET", "/api/batches/{0}"), ("GET", "/api/batches/{0}/results"), ("DELETE", "/api/batches/{0}"), ("GET", "/api/batches/{0}/events") })
        {
            var other = await _bob.SendAsync(new HttpRequestMessage(new HttpMethod(method), string.Format(path, batchId)));
            var missing = await _bob.SendAsync(new HttpRequestMessage(new HttpMethod(method), string.Format(path, unknown)));
            Assert.Equal(await NotFoundBodyAsync(missing, unknown), await NotFoundBodyAsync(other, batchId));
        }

        await using var bob = await HubClient.ConnectAsync(factory, OwnersWebFactory.Bob);
        var refused = await Assert.ThrowsAsync<HubException>(() => bob.Connection.InvokeAsync("SubscribeBatch", batchId));
        var unknownRefused = await Assert.ThrowsAsync<HubException>(() => bob.Connection.InvokeAsync("SubscribeBatch", unknown));
        Assert.Equal(unknownRefused.Message.Replace(unknown, "ID"), refused.Message.Replace(batchId, "ID"));
        // Bob cannot read Alice's jobs through their own routes either.
        Assert.Equal(HttpStatusCode.NotFound, (await _bob.GetAsync($"/api/jobs/{accepted.JobIds[0]}")).StatusCode);

        var admin = factory.ClientWithKey(OwnersWebFactory.Admin);
        Assert.Equal(BatchStatus.Completed, (await admin.GetBatchAsync(batchId)).Status);
        Assert.Equal(2, (await admin.ReadAllResultsAsync(batchId)).Count);
    }

    [Fact]
    public async Task ClientStreams_AreScopedToTheOwner_AnotherKeyWithTheSameClientIdSeesNoneOfTheJobs()
    {
        const int gate = 7513;
        var clientId = $"shared-{Guid.NewGuid():N}";
        var timeout = TimeSpan.FromSeconds(30);
        var response = await _alice.PostAsJsonAsync("/api/jobs", new { text = $"[embed:gate:{gate}] Alice's client job {Guid.NewGuid()}.", clientId });
        var alicesJob = await response.ReadJobIdAsync();
        await _alice.WaitForJobAsync(alicesJob, job => job.Status() == "processing", "Alice's job to run");
        await using var alice = await HubClient.ConnectAsync(factory, OwnersWebFactory.Alice);
        await using var bob = await HubClient.ConnectAsync(factory, OwnersWebFactory.Bob);
        using var cts = new CancellationTokenSource(timeout);
        using var bobsSse = await _bob.GetAsync($"/api/clients/{clientId}/events", HttpCompletionOption.ResponseHeadersRead, cts.Token);
        Assert.Equal((HttpStatusCode.OK, "text/event-stream"), (bobsSse.StatusCode, bobsSse.Content.Headers.ContentType?.MediaType));
        await using var bobsEvents = System.Net.ServerSentEvents.SseParser.Create(await bobsSse.Content.ReadAsStreamAsync(cts.Token))
            .EnumerateAsync(cts.Token).GetAsyncEnumerator(cts.Token);

        await bob.Connection.InvokeAsync("SubscribeClient", clientId);
        await alice.Connection.InvokeAsync("SubscribeClient", clientId);
        FaultInjection.OpenGate(gate);
        var alicesEvents = await alice.UntilFinalAsync(timeout);
        Assert.All(alicesEvents, e => Assert.Equal(alicesJob, e.JobId));
        Assert.Equal(JobStatus.Processing, alicesEvents[0].Status);

        // Bob's own job with the same clientId: the first thing each of Bob's streams shows, Alice's job never.
        var bobsJob = await _bob.SubmitClientJobAsync(clientId, $"Bob's client job {Guid.NewGuid()}.");
        var bobsHubEvents = await bob.UntilFinalAsync(timeout);
        Assert.All(bobsHubEvents, e => Assert.Equal(bobsJob, e.JobId));
        Assert.Equal(1, bobsHubEvents[0].Version);
        Assert.True(await bobsEvents.MoveNextAsync());
        Assert.Equal((bobsJob, 1L), (ClientStreamRequests.Parse(bobsEvents.Current.Data).JobId, ClientStreamRequests.Parse(bobsEvents.Current.Data).Version));
        var alicesLast = await _alice.SubmitClientJobAsync(clientId, $"Alice's last client job {Guid.NewGuid()}.");
        Assert.All(await alice.UntilFinalAsync(timeout), e => Assert.Equal(alicesLast, e.JobId));
    }
}
