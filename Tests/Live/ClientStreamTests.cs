using System.Net;
using System.Net.Http.Json;
using System.Net.ServerSentEvents;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using OrleansNlp.Contracts;
using OrleansNlp.Tests.Infrastructure;
using OrleansNlp.WebFrontend.Live;

namespace OrleansNlp.Tests;

/// <summary>Per-client streams (SignalR SubscribeClient, SSE GET /api/clients/{clientId}/events) through the real
/// frontend (embedded silo): every job of the client, a running one as a snapshot first, none of another client.</summary>
[Trait(TestCategory.Trait, TestCategory.Live)]
[Collection(EmbeddedWebCollection.Name)]
public sealed class ClientStreamTests(EmbeddedWebFactory factory)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(1);
    private readonly HttpClient _http = factory.CreateClient();

    private static string NewClientId() => $"client-{Guid.NewGuid():N}";

    /// <summary>A job of <paramref name="clientId"/> held in its embedding stage until the gate opens.</summary>
    private async Task<string> RunningJobAsync(string clientId, int gate)
    {
        var jobId = await _http.SubmitClientJobAsync(clientId, $"[embed:gate:{gate}] {Guid.NewGuid():N} held for the client stream.");
        await _http.WaitForJobAsync(jobId, job => job.Status() == "processing", "the gated job to run");
        return jobId;
    }

    [Fact]
    public async Task SubscribeClient_SendsARunningJobAsASnapshotFirst_ThenEveryEventOfEachOfTheClientsJobs_AndNoneOfAnother()
    {
        const int gate = 7511;
        var (mine, other) = (NewClientId(), NewClientId());
        var running = await RunningJobAsync(mine, gate);
        var othersRunning = await RunningJobAsync(other, gate);
        await using var hub = await HubClient.ConnectAsync(factory);
        var received = new List<(string JobId, JobStatus Status, long Version)>();

        await hub.Connection.InvokeAsync("SubscribeClient", mine);
        // The gated job cannot move: the only event it can give now is its snapshot.
        using (var first = new CancellationTokenSource(Timeout))
        {
            var snapshot = await hub.Events.ReadAsync(first.Token);
            Assert.Equal((running, JobStatus.Processing), (snapshot.JobId, snapshot.Status));
            received.Add(snapshot.Key());
        }

        var later = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            later.Add(await _http.SubmitClientJobAsync(mine, $"{Guid.NewGuid():N} Client job {i} runs. It has two sentences."));
        }

        later.AddRange(await _http.SubmitClientBatchAsync(mine, [$"{Guid.NewGuid():N} First text of the client's batch.", $"{Guid.NewGuid():N} Second one."]));
        var others = new[] { othersRunning, await _http.SubmitClientJobAsync(other, $"{Guid.NewGuid():N} Another client's job.") };
        FaultInjection.OpenGate(gate);

        received.AddRange(await ClientStreamRequests.UntilAllFinalAsync(
            async ct => (await hub.Events.ReadAsync(ct)).Key(), [running, .. later], Timeout));

        AssertEveryJobOfTheClient(received, running, later);
        Assert.DoesNotContain(received, e => others.Contains(e.JobId));
        foreach (var jobId in others)
        {
            Assert.True((await _http.FinalJobAsync(jobId)).IsFinal());
        }

        // Another job of the client, submitted after the other client's jobs ended: every event before it has arrived.
        var last = await _http.SubmitClientJobAsync(mine, $"{Guid.NewGuid():N} The last job of the client.");
        var tail = await ClientStreamRequests.UntilAllFinalAsync(async ct => (await hub.Events.ReadAsync(ct)).Key(), [last], Timeout);
        Assert.All(tail, e => Assert.Equal(last, e.JobId));
    }

    [Fact]
    public async Task ServerSentEvents_StartWithARunningJobsSnapshot_ThenCarryEveryEventOfEachOfTheClientsJobs_AndNoneOfAnother()
    {
        const int gate = 7512;
        var (mine, other) = (NewClientId(), NewClientId());
        var running = await RunningJobAsync(mine, gate);
        var othersRunning = await RunningJobAsync(other, gate);
        using var cts = new CancellationTokenSource(Timeout);

        using var response = await _http.GetAsync($"/api/clients/{mine}/events", HttpCompletionOption.ResponseHeadersRead, cts.Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        await using var body = await response.Content.ReadAsStreamAsync(cts.Token);
        await using var items = SseParser.Create(body).EnumerateAsync(cts.Token).GetAsyncEnumerator(cts.Token);
        async ValueTask<JobProgress> NextAsync(CancellationToken ct)
        {
            Assert.True(await items.MoveNextAsync(), "the client's stream never ends by itself");
            Assert.Equal(ClientEventsApi.EventType, items.Current.EventType);
            return ClientStreamRequests.Parse(items.Current.Data);
        }

        var snapshot = await NextAsync(cts.Token);
        Assert.Equal((running, JobStatus.Processing), (snapshot.JobId, snapshot.Status));
        var later = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            later.Add(await _http.SubmitClientJobAsync(mine, $"{Guid.NewGuid():N} Client job {i} streams. It has two sentences."));
        }

        later.AddRange(await _http.SubmitClientBatchAsync(mine, [$"{Guid.NewGuid():N} A batch text of the client.", $"{Guid.NewGuid():N} And another."]));
        var others = new[] { othersRunning, await _http.SubmitClientJobAsync(other, $"{Guid.NewGuid():N} Another client's streamed job.") };
        FaultInjection.OpenGate(gate);

        var received = await ClientStreamRequests.UntilAllFinalAsync(async ct => (await NextAsync(ct)).Key(), [running, .. later], Timeout);
        received.Insert(0, snapshot.Key());

        AssertEveryJobOfTheClient(received, running, later);
        Assert.DoesNotContain(received, e => others.Contains(e.JobId));
        foreach (var jobId in others)
        {
            Assert.True((await _http.FinalJobAsync(jobId)).IsFinal());
        }

        var last = await _http.SubmitClientJobAsync(mine, $"{Guid.NewGuid():N} The client's last streamed job.");
        var tail = await ClientStreamRequests.UntilAllFinalAsync(async ct => (await NextAsync(ct)).Key(), [last], Timeout);
        Assert.All(tail, e => Assert.Equal(last, e.JobId));
    }

    [Fact]
    public async Task WatchClientAsync_StartedBeforeAnyJob_FollowsTheJobsSubmittedAfterwards_AndLeavesNoWatchBehind()
    {
        var clientId = NewClientId();
        using var nlp = factory.CreateNlpClient();
        using var cts = new CancellationTokenSource(Timeout);
        var stream = nlp.WatchClientAsync(clientId, cts.Token).GetAsyncEnumerator(cts.Token);
        var first = stream.MoveNextAsync().AsTask();
        var relay = factory.Services.GetRequiredService<ClientProgressRelay>();
        // Nothing to send yet: the watch is open once the relay holds the client's stream.
        await Wait.UntilAsync(() => Task.FromResult(relay.WatchedClients), n => n > 0, Timeout, "the relay to subscribe to the client's stream");

        var jobs = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            jobs.Add(await _http.SubmitClientJobAsync(clientId, $"{Guid.NewGuid():N} Watched through the typed client, job {i}."));
        }

        Assert.True(await first);
        var pending = true;
        var received = await ClientStreamRequests.UntilAllFinalAsync(async _ =>
        {
            // The first event was read above; each later one is read here.
            if (!pending && !await stream.MoveNextAsync())
            {
                throw new IOException("the client's stream ended");
            }

            pending = false;
            return stream.Current.Key();
        }, jobs, Timeout);

        ClientStreamRequests.AssertEveryJobInOrder(received);
        Assert.All(jobs, jobId => Assert.Equal(1, received.First(e => e.JobId == jobId).Version));
        await cts.CancelAsync();
        await stream.DisposeAsync().AsTask().ContinueWith(_ => { });
        await Wait.UntilAsync(() => Task.FromResult(relay.WatchedClients), n => n == 0, Timeout, "the relay to drop the client's stream");
    }

    [Fact]
    public async Task ABadClientId_IsRefusedWith400NamingClientId_EverywhereItIsTaken()
    {
        foreach (var bad in new[] { "", "has space", "slash/inside", new string('c', 129), "é" })
        {
            await HttpAssertions.AssertProblemAsync(await _http.PostAsJsonAsync("/api/jobs", new { text = "A fine text.", clientId = bad }),
                HttpStatusCode.BadRequest, "clientId");
            await HttpAssertions.AssertProblemAsync(await _http.PostAsJsonAsync("/api/batches", new { texts = new[] { "A fine text." }, clientId = bad }),
                HttpStatusCode.BadRequest, "clientId");
        }

        await HttpAssertions.AssertProblemAsync(await _http.PostAsJsonAsync("/api/jobs", new { text = "A fine text.", clientId = 42 }),
            HttpStatusCode.BadRequest, "clientId");
        foreach (var bad in new[] { "has%20space", new string('c', 129), "%C3%A9" })
        {
            await HttpAssertions.AssertProblemAsync(await _http.GetAsync($"/api/clients/{bad}/events"), HttpStatusCode.BadRequest, "clientId");
        }

        await using var hub = await HubClient.ConnectAsync(factory);
        var error = await Assert.ThrowsAsync<HubException>(() => hub.Connection.InvokeAsync("SubscribeClient", "has space"));
        Assert.Contains("clientId", error.Message);
        Assert.Equal(HttpStatusCode.Accepted, (await _http.PostAsJsonAsync("/api/jobs", new { text = "A fine text.", clientId = "app-1.user_2:tab-3" })).StatusCode);
    }

    [Fact]
    public async Task TheOpenApiDocument_DescribesTheClientStream()
    {
        var document = await _http.GetFromJsonAsync<System.Text.Json.JsonElement>("/openapi/v1.json");

        var route = document.GetProperty("paths").GetProperty("/api/clients/{clientId}/events").GetProperty("get");
        Assert.True(route.GetProperty("responses").GetProperty("200").GetProperty("content").TryGetProperty("text/event-stream", out _));
        Assert.True(route.GetProperty("responses").TryGetProperty("400", out _));
        Assert.Contains("clientId", route.GetProperty("description").GetString());
    }

    /// <summary>Exactly the client's jobs, each from where the watcher joined (version 1 for those submitted after) to
    /// its final event, in order, without a repeat or a gap.</summary>
    private static void AssertEveryJobOfTheClient(List<(string JobId, JobStatus Status, long Version)> received, string running, List<string> later)
    {
        ClientStreamRequests.AssertEveryJobInOrder(received);
        Assert.Equal(later.Append(running).Order(), received.Select(e => e.JobId).Distinct().Order());
        Assert.All(later, jobId => Assert.Equal(1, received.First(e => e.JobId == jobId).Version));
        Assert.Equal(JobStatus.Processing, received.First(e => e.JobId == running).Status);
    }
}
