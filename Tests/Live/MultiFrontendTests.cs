using Microsoft.AspNetCore.SignalR.Client;
using Orleans.TestingHost;
using OrleansNlp.Models;
using OrleansNlp.Tests.Infrastructure;

namespace OrleansNlp.Tests;

/// <summary>Two frontends in cluster mode (Orleans clients, SignalR on the Redis backplane) in front of two silos.</summary>
[Trait(TestCategory.Trait, TestCategory.Live)]
public sealed class MultiFrontendTests : IAsyncLifetime
{
    private RedisServer _redis = null!;
    private TestCluster _cluster = null!;
    private ClusterClientWebFactory _first = null!;
    private ClusterClientWebFactory _second = null!;

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        var builder = TestClusters.OnRedis(_redis).With(TestSettings.QuickJobs().Append(new("Jobs:StageTimeout", "00:00:10")));
        builder.Options.ConnectionTransport = ConnectionTransportType.TcpSocket;
        _cluster = builder.Build();
        await _cluster.DeployAsync();
        _first = new ClusterClientWebFactory(_cluster, _redis);
        _second = new ClusterClientWebFactory(_cluster, _redis);
    }

    public async Task DisposeAsync()
    {
        await _first.DisposeAsync();
        await _second.DisposeAsync();
        await _cluster.StopAllSilosAsync();
        await _cluster.DisposeAsync();
        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task WatchersOnTwoFrontends_EachGetEveryEventOnce_WhereverTheJobsRun()
    {
        await using var onFirst = await HubClient.ConnectAsync(_first);
        await using var onSecond = await HubClient.ConnectAsync(_second);
        var http = _first.CreateClient();

        // Several jobs, so that some run on a silo other than the gateway a frontend uses.
        for (var i = 0; i < 4; i++)
        {
            var jobId = await http.SubmitJobAsync($"[embed:slow:1200] {Guid.NewGuid():N} Frontend fan-out {i}.");

            await onFirst.Connection.InvokeAsync("Subscribe", jobId);
            await onSecond.Connection.InvokeAsync("Subscribe", jobId);
            var first = await onFirst.UntilFinalAsync(TimeSpan.FromSeconds(30));
            var second = await onSecond.UntilFinalAsync(TimeSpan.FromSeconds(30));

            foreach (var events in new[] { first, second })
            {
                Assert.All(events, e => Assert.Equal(jobId, e.JobId));
                Assert.Equal(Enumerable.Range((int)events[0].Version, events.Count).Select(v => (long)v), events.Select(e => e.Version));
                Assert.Equal(JobStatus.Completed, events[^1].Status);
            }
        }

        Assert.False(onFirst.TryRead(out _), "no event may arrive twice");
        Assert.False(onSecond.TryRead(out _), "no event may arrive twice");
    }

    [Fact]
    public async Task ABatchSubmittedOnOneFrontend_IsWatchedOnTheOther_EveryVersionOnce_AndReadTheSameOnBoth()
    {
        await using var onSecond = await HubClient.ConnectAsync(_second);
        var texts = Enumerable.Range(0, 40).Select(i => $"[llm:slow:200] {Guid.NewGuid():N} Batch text {i} in cluster mode.").ToArray();
        var accepted = await _first.CreateClient().SubmitBatchAsync(texts);

        await onSecond.Connection.InvokeAsync("SubscribeBatch", accepted.BatchId);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var events = new List<OrleansNlp.Contracts.BatchProgress>();
        while (events.Count == 0 || !events[^1].IsFinal)
        {
            events.Add(await onSecond.BatchEvents.ReadAsync(cts.Token));
        }

        Assert.Equal(Enumerable.Range((int)events[0].Version, events.Count).Select(v => (long)v), events.Select(e => e.Version));
        Assert.Equal(BatchStatus.Completed, events[^1].Status);
        Assert.Equal(40, events[^1].Counts.Completed);
        var onFirst = await _first.CreateClient().GetBatchAsync(accepted.BatchId);
        var onOther = await _second.CreateClient().GetBatchAsync(accepted.BatchId);
        Assert.Equal((events[^1].Version, 40), (onFirst.Version, onFirst.Counts.Completed));
        Assert.Equal(onFirst, onOther with { Summary = onFirst.Summary });
        Assert.Equal(40, (await _second.CreateClient().ReadAllResultsAsync(accepted.BatchId)).Count(job => job.Status == JobStatus.Completed));
    }

    [Fact]
    public async Task AClientsJobs_AreFollowedOnBothFrontends_RunningOnesAsSnapshotsFromRedis_AndTheClientsStateGoesWhenTheyEnd()
    {
        var clientId = $"cluster-client-{Guid.NewGuid():N}";
        var http = _first.CreateClient();
        // Held at their embedding until both frontends watch the client: on a busy host, connecting takes seconds.
        var gate = Random.Shared.Next(1_000_000, int.MaxValue);
        var running = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            running.Add(await http.SubmitClientJobAsync(clientId, $"[embed:gate:{gate}] {Guid.NewGuid():N} Clustered client job {i}."));
        }

        var redis = (await _redis.ConnectAsync()).GetServer($"127.0.0.1:{_redis.Port}");
        bool Stored() => redis.Keys(pattern: $"*{clientId}*").Any(key => !key.ToString().Contains("pubsub", StringComparison.OrdinalIgnoreCase));
        await Wait.UntilAsync(() => Task.FromResult(Stored()), stored => stored, TimeSpan.FromSeconds(10), "the client's unfinished jobs in Redis");

        await using var onFirst = await HubClient.ConnectAsync(_first);
        await using var onSecond = await HubClient.ConnectAsync(_second);
        await onFirst.Connection.InvokeAsync("SubscribeClient", clientId);
        await onSecond.Connection.InvokeAsync("SubscribeClient", clientId);
        var later = await _second.CreateClient().SubmitClientJobAsync(clientId, $"{Guid.NewGuid():N} Submitted on the other frontend.");
        FaultInjection.OpenGate(gate);

        foreach (var hub in new[] { onFirst, onSecond })
        {
            var events = await ClientStreamRequests.UntilAllFinalAsync(async ct => (await hub.Events.ReadAsync(ct)).Key(), [.. running, later], TimeSpan.FromSeconds(60));
            ClientStreamRequests.AssertEveryJobInOrder(events);
            Assert.Equal(running.Append(later).Order(), events.Select(e => e.JobId).Distinct().Order());
            Assert.Equal(1, events.First(e => e.JobId == later).Version);
            // The running jobs were watched from a snapshot, not from the start.
            Assert.All(running, jobId => Assert.True(events.First(e => e.JobId == jobId).Version > 1, $"job {jobId} should start from its snapshot"));
            Assert.False(hub.TryRead(out var extra), $"no event may arrive twice: {extra}");
        }

        await Wait.UntilAsync(() => Task.FromResult(Stored()), stored => !stored, TimeSpan.FromSeconds(10), "the client's state to be deleted");
    }
}
