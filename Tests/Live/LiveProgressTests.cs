using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using OrleansNlp.Models;
using OrleansNlp.Tests.Infrastructure;
using OrleansNlp.WebFrontend.Live;

namespace OrleansNlp.Tests;

/// <summary>The SignalR hub and the SSE endpoint, through the real frontend (embedded silo).</summary>
[Trait(TestCategory.Trait, TestCategory.Live)]
[Collection(EmbeddedWebCollection.Name)]
public sealed class LiveProgressTests(EmbeddedWebFactory factory)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly HttpClient _http = factory.CreateClient();

    /// <summary>Snapshot first, then events whose versions follow on without a gap or a repeat, ending completed.</summary>
    private static void AssertCompleteHistory(IReadOnlyList<JobProgressEvent> events, string jobId)
    {
        Assert.All(events, e => Assert.Equal(jobId, e.JobId));
        Assert.Equal(Enumerable.Range((int)events[0].Version, events.Count).Select(v => (long)v), events.Select(e => e.Version));
        Assert.Equal(JobStatus.Completed, events[^1].Status);
        Assert.Equal((JobStage.Done, 100), (events[^1].Stage, events[^1].Progress));
        Assert.True(events[0].Status is JobStatus.Pending or JobStatus.Processing, $"the job should still run at subscription: {events[0]}");
        Assert.Contains(events, e => e.Stage == JobStage.Llm);
    }

    [Fact]
    public async Task Subscriber_GetsTheSnapshotThenEveryTransitionInOrder()
    {
        await using var hub = await HubClient.ConnectAsync(factory);
        var gate = NewGate();
        var jobId = await _http.SubmitJobAsync($"[embed:gate:{gate}] {Guid.NewGuid():N} Live updates reach the browser in order.");

        await hub.Connection.InvokeAsync("Subscribe", jobId);
        FaultInjection.OpenGate(gate);
        var events = await hub.UntilFinalAsync(Timeout);

        AssertCompleteHistory(events, jobId);
    }

    [Fact]
    public async Task TwoSubscribersOnOneJob_BothGetEverything_FromOneStreamSubscription()
    {
        await using var first = await HubClient.ConnectAsync(factory);
        await using var second = await HubClient.ConnectAsync(factory);
        var gate = NewGate();
        var jobId = await _http.SubmitJobAsync($"[embed:gate:{gate}] {Guid.NewGuid():N} Two watchers, one stream.");

        await first.Connection.InvokeAsync("Subscribe", jobId);
        await second.Connection.InvokeAsync("Subscribe", jobId);
        var relay = factory.Services.GetRequiredService<JobProgressRelay>();
        var watchedWhileRunning = relay.WatchedJobs;
        FaultInjection.OpenGate(gate);
        var firstEvents = await first.UntilFinalAsync(Timeout);
        var secondEvents = await second.UntilFinalAsync(Timeout);

        AssertCompleteHistory(firstEvents, jobId);
        AssertCompleteHistory(secondEvents, jobId);
        Assert.Equal(firstEvents[^1].Version, secondEvents[^1].Version);
        Assert.True(watchedWhileRunning >= 1);
    }

    [Fact]
    public async Task SubscribingToACompletedJob_YieldsItsFinalSnapshotAtOnce()
    {
        var jobId = await _http.SubmitJobAsync("This job is over before anyone watches.");
        await _http.WaitForJobAsync(jobId, j => j.Status() == "completed", "the job to complete", Timeout);
        await using var hub = await HubClient.ConnectAsync(factory);

        await hub.Connection.InvokeAsync("Subscribe", jobId);
        var events = await hub.UntilFinalAsync(TimeSpan.FromSeconds(5));

        var only = Assert.Single(events);
        Assert.Equal((JobStatus.Completed, JobStage.Done, 100), (only.Status, only.Stage, only.Progress));
    }

    [Fact]
    public async Task SubscribingToAnUnknownJob_FailsClearly_AndLeavesNothingSubscribed()
    {
        await using var hub = await HubClient.ConnectAsync(factory);
        var relay = factory.Services.GetRequiredService<JobProgressRelay>();
        var unknown = Guid.NewGuid().ToString("N");

        var error = await Assert.ThrowsAsync<HubException>(() => hub.Connection.InvokeAsync("Subscribe", unknown));

        Assert.Contains("No job has the id", error.Message);
        await Wait.UntilAsync(() => Task.FromResult(relay.WatchedJobs), n => n == 0, Timeout, "no stream to stay subscribed");
        Assert.False(hub.TryRead(out _));
    }

    [Theory]
    [InlineData("Unsubscribe", "job id")]
    [InlineData("UnsubscribeBatch", "batch id")]
    [InlineData("UnsubscribeClient", "clientId")]
    public async Task UnsubscribingWithoutAValidId_FailsClearly_AndTheConnectionStays(string method, string named)
    {
        await using var hub = await HubClient.ConnectAsync(factory);

        var missing = await Assert.ThrowsAsync<HubException>(() => hub.Connection.InvokeAsync(method, (string?)null));
        var spaced = await Assert.ThrowsAsync<HubException>(() => hub.Connection.InvokeAsync(method, "has space"));

        Assert.Contains(named, missing.Message);
        Assert.Contains(named, spaced.Message);
        // Unsubscribing from something never subscribed is still fine.
        await hub.Connection.InvokeAsync("Unsubscribe", Guid.NewGuid().ToString("N"));
    }

    [Fact]
    public async Task ServerSentEvents_StreamTheSnapshotAndEachEvent_AndEndWithTheFinalOne()
    {
        var gate = NewGate();
        var jobId = await _http.SubmitJobAsync($"[embed:gate:{gate}] {Guid.NewGuid():N} Events for clients without SignalR.");

        // The headers come once the watch is set up.
        using var response = await _http.GetAsync($"/api/jobs/{jobId}/events", HttpCompletionOption.ResponseHeadersRead);
        FaultInjection.OpenGate(gate);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        var body = await response.Content.ReadAsStringAsync().WaitAsync(Timeout);

        var blocks = body.Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.All(blocks, block => Assert.StartsWith("event: progress\n", block));
        var events = blocks
            .Select(block => JsonDocument.Parse(block.Split('\n').Single(line => line.StartsWith("data: "))["data: ".Length..]).RootElement)
            .ToArray();
        Assert.Equal("completed", events[^1].GetProperty("status").GetString());
        Assert.Equal("done", events[^1].GetProperty("stage").GetString());
        var versions = events.Select(e => e.GetProperty("version").GetInt64()).ToArray();
        Assert.Equal(Enumerable.Range((int)versions[0], versions.Length).Select(v => (long)v), versions);
    }

    [Fact]
    public async Task ServerSentEvents_ForAnUnknownJob_Is404()
    {
        var response = await _http.GetAsync($"/api/jobs/{Guid.NewGuid():N}/events");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task ServerSentEvents_OfAJob_CarryNoEventOfAnotherJobOnTheSamePartitionStream()
    {
        // Two Idempotency-Keys whose jobs share a progress partition, both running and both watched (a job nobody
        // watches publishes nothing) at once.
        var keys = Enumerable.Range(0, 1000).Select(i => $"partition-{Guid.NewGuid():N}-{i}")
            .GroupBy(key => JobStreams.PartitionOf(WebFrontend.Jobs.IdempotencyKeys.JobIdFor(key, null)))
            .First(group => group.Count() >= 2).Take(2).ToArray();
        var gate = NewGate();
        var watchedId = await SubmitWithKeyAsync(keys[0], $"[embed:gate:{gate}] The watched job.");
        var otherId = await SubmitWithKeyAsync(keys[1], $"[embed:gate:{gate}] Its neighbour on the same stream.");
        Assert.Equal(JobStreams.PartitionOf(watchedId), JobStreams.PartitionOf(otherId));

        using var watched = await _http.GetAsync($"/api/jobs/{watchedId}/events", HttpCompletionOption.ResponseHeadersRead);
        using var other = await _http.GetAsync($"/api/jobs/{otherId}/events", HttpCompletionOption.ResponseHeadersRead);
        FaultInjection.OpenGate(gate);

        foreach (var (jobId, response) in new[] { (watchedId, watched), (otherId, other) })
        {
            var body = await response.Content.ReadAsStringAsync().WaitAsync(Timeout);
            var events = body.Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
                .Select(block => JsonDocument.Parse(block.Split('\n').Single(line => line.StartsWith("data: "))["data: ".Length..]).RootElement)
                .ToArray();
            Assert.True(events.Length >= 2, body);
            Assert.All(events, e => Assert.Equal(jobId, e.GetProperty("jobId").GetString()));
            Assert.Equal("completed", events[^1].GetProperty("status").GetString());
        }
    }

    private static int NewGate() => Random.Shared.Next(1_000_000, int.MaxValue);

    private async Task<string> SubmitWithKeyAsync(string key, string text)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/jobs")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { text = $"{text} {Guid.NewGuid():N}" }),
        };
        request.Headers.Add("Idempotency-Key", key);
        var response = await _http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return await response.ReadJobIdAsync();
    }
}
