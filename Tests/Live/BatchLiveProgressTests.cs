using System.Net;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using OrleansNlp.Contracts;
using OrleansNlp.Tests.Infrastructure;
using OrleansNlp.WebFrontend.Live;

namespace OrleansNlp.Tests;

/// <summary>A batch's progress over the SignalR hub and Server-Sent Events, through the real frontend (embedded silo).</summary>
[Trait(TestCategory.Trait, TestCategory.Live)]
[Collection(EmbeddedWebCollection.Name)]
public sealed class BatchLiveProgressTests(EmbeddedWebFactory factory)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(1);
    private readonly HttpClient _http = factory.CreateClient();

    /// <summary>Thirty texts whose LLM stage takes a moment, so the batch is still running when watched.</summary>
    private static string[] SlowTexts() =>
        Enumerable.Range(0, 30).Select(i => $"[llm:slow:300] Text {i} of {Guid.NewGuid():N}. Batches report their progress live.").ToArray();

    /// <summary>Snapshot first, then events whose versions follow on without a gap or a repeat, with counts that never
    /// go back, ending completed with every job counted.</summary>
    private static void AssertCompleteHistory(IReadOnlyList<BatchProgress> events, string batchId)
    {
        Assert.All(events, e => Assert.Equal(batchId, e.BatchId));
        Assert.Equal(Enumerable.Range((int)events[0].Version, events.Count).Select(v => (long)v), events.Select(e => e.Version));
        Assert.False(events[0].IsFinal, $"the batch should still run at subscription: {events[0]}");
        Assert.True(events.Count >= 2);
        var finished = events.Select(e => e.Counts.Completed + e.Counts.Failed + e.Counts.Cancelled).ToArray();
        Assert.Equal(finished.Order(), finished);
        Assert.Equal(BatchStatus.Completed, events[^1].Status);
        Assert.Equal(new BatchCounts(0, 0, 30, 0, 0), events[^1].Counts);
        Assert.Equal(100, events[^1].Progress);
    }

    private static async Task<IReadOnlyList<BatchProgress>> UntilFinalAsync(ChannelReader<BatchProgress> events, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        var received = new List<BatchProgress>();
        while (received.Count == 0 || !received[^1].IsFinal)
        {
            received.Add(await events.ReadAsync(cts.Token));
        }

        return received;
    }

    [Fact]
    public async Task SubscribeBatch_GetsTheSnapshotThenEveryChangeInOrder_UntilTheBatchCompletes()
    {
        await using var hub = await HubClient.ConnectAsync(factory);
        var accepted = await _http.SubmitBatchAsync(SlowTexts());

        await hub.Connection.InvokeAsync("SubscribeBatch", accepted.BatchId);
        var events = await UntilFinalAsync(hub.BatchEvents, Timeout);

        AssertCompleteHistory(events, accepted.BatchId);
        var relay = factory.Services.GetRequiredService<BatchProgressRelay>();
        await Wait.UntilAsync(() => Task.FromResult(relay.WatchedBatches), n => n == 0, Timeout, "the relay to drop the ended batch's stream");
    }

    [Fact]
    public async Task ServerSentEvents_StreamTheSnapshotAndEachChange_AndEndWithTheFinalOne()
    {
        var accepted = await _http.SubmitBatchAsync(SlowTexts());

        using var response = await _http.GetAsync($"/api/batches/{accepted.BatchId}/events", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        var body = await response.Content.ReadAsStringAsync().WaitAsync(Timeout);

        var blocks = body.Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.All(blocks, block => Assert.StartsWith("event: progress\n", block));
        var events = blocks
            .Select(block => JsonSerializer.Deserialize<BatchProgress>(block.Split('\n').Single(line => line.StartsWith("data: "))["data: ".Length..], JsonDefaults.Options)!)
            .ToArray();
        AssertCompleteHistory(events, accepted.BatchId);
    }

    [Fact]
    public async Task SubscribingToAnUnknownBatch_FailsClearly_AndSseIs404()
    {
        await using var hub = await HubClient.ConnectAsync(factory);
        var unknown = Guid.NewGuid().ToString("N");

        var error = await Assert.ThrowsAsync<HubException>(() => hub.Connection.InvokeAsync("SubscribeBatch", unknown));

        Assert.Contains("No batch has the id", error.Message);
        Assert.Equal(HttpStatusCode.NotFound, (await _http.GetAsync($"/api/batches/{unknown}/events")).StatusCode);
    }
}
