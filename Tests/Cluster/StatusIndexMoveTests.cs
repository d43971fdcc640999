using System.Collections.Concurrent;
using Orleans.TestingHost;
using OrleansNlp.Models;
using OrleansNlp.Tests.Infrastructure;
using StackExchange.Redis;

namespace OrleansNlp.Tests;

/// <summary>A two-silo Redis cluster whose jobs reach the index's processing list after 3 s (Jobs:ListProcessingAfter).</summary>
public sealed class ListProcessingAfterFixture : RedisClusterFixture
{
    public static readonly TimeSpan ListProcessingAfter = TimeSpan.FromSeconds(3);

    protected override TestClusterBuilder Configure(TestClusterBuilder builder) =>
        builder.With([new(TestSettings.FaultInjection, "true"), new("Jobs:ListProcessingAfter", ListProcessingAfter.ToString())]);
}

/// <summary>How a job moves in the Redis status index, watched through Redis keyspace notifications of the index's
/// sorted sets: a job that finishes quickly moves once, from pending to completed; a long one is listed under
/// processing once it has been processing for Jobs:ListProcessingAfter.</summary>
[Trait(TestCategory.Trait, TestCategory.Cluster)]
public sealed class StatusIndexMoveTests(ListProcessingAfterFixture fixture) : IClassFixture<ListProcessingAfterFixture>, IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly ConcurrentQueue<(DateTime At, string Status, string Command)> _moves = new();
    private ConnectionMultiplexer _redis = null!;
    private string _indexPrefix = null!;

    public async Task InitializeAsync()
    {
        _redis = await ConnectionMultiplexer.ConnectAsync($"{fixture.Redis.ConnectionString},allowAdmin=true");
        await _redis.GetServer(_redis.GetEndPoints()[0]).ConfigSetAsync("notify-keyspace-events", "Kz");
        var channel = $"__keyspace@0__:{fixture.Cluster.Options.ServiceId}/index/";
        _indexPrefix = channel;
        // A message queue hands the notifications over one at a time, in Redis' order (handlers may run concurrently).
        var notifications = await _redis.GetSubscriber().SubscribeAsync(RedisChannel.Pattern(channel + "*"));
        notifications.OnMessage(message =>
            _moves.Enqueue((DateTime.UtcNow, message.Channel.ToString()[_indexPrefix.Length..], message.Message.ToString())));
    }

    public async Task DisposeAsync() => await _redis.DisposeAsync();

    [Fact]
    public async Task A_quick_job_moves_once_in_the_index_from_pending_to_completed()
    {
        // Warm the pipeline first, so the measured job is quick; its own moves come after the warm job's.
        await RunAsync("A warm-up text about rivers and their deltas.");
        await MovesAsync(seen => LeftUnfinishedList(seen, "completed"), "the warm-up job's index moves");
        _moves.Clear();

        var job = await RunAsync($"{Guid.NewGuid():N} Tides rise and fall twice a day along most coasts.");

        var moves = await MovesAsync(seen => LeftUnfinishedList(seen, "completed"), "the job to leave the pending list");
        Assert.True(job.CompletedAt - job.StartedAt < ListProcessingAfterFixture.ListProcessingAfter, "the job was quick");
        Assert.Equal([("pending", "zadd"), ("completed", "zadd"), ("pending", "zrem")], moves.Select(move => (move.Status, move.Command)));
    }

    [Fact]
    public async Task A_job_still_processing_after_ListProcessingAfter_is_listed_under_processing_then_completed()
    {
        // Gates are shared by the whole test process: a number of its own, so no other test opens it.
        var gate = Random.Shared.Next(1_000_000, int.MaxValue);
        var jobId = Guid.NewGuid().ToString("N");
        var job = fixture.Client.GetGrain<IJobGrain>(jobId);
        await job.SubmitAsync(new JobRequest($"[llm:gate:{gate}] {jobId} Glaciers carve valleys over thousands of years."));
        var processing = await Wait.UntilAsync(job.GetStatusAsync, snapshot => snapshot!.Stage == JobStage.Llm, Timeout, "the job to reach the LLM stage");

        (DateTime At, string Status, string Command)[] listed;
        try
        {
            listed = await Wait.UntilAsync(() => Task.FromResult(_moves.ToArray()), seen => LeftUnfinishedList(seen, "processing"), Timeout,
                "the job to be listed under processing");
        }
        catch (TimeoutException timeout)
        {
            var now = await job.GetStatusAsync();
            throw new TimeoutException(
                $"{timeout.Message}. Index moves seen: {Describe(_moves)}; the job: {now?.Status} at {now?.Stage}, started {now?.StartedAt:HH:mm:ss.fff}", timeout);
        }

        var listedAt = listed.First(move => move.Status == "processing").At;
        // Server and test share the machine's clock; allow for the notification's delivery, not for an early move.
        Assert.True(listedAt - processing!.StartedAt >= ListProcessingAfterFixture.ListProcessingAfter - TimeSpan.FromMilliseconds(100),
            $"listed under processing {(listedAt - processing.StartedAt)?.TotalMilliseconds:F0} ms after it started");
        Assert.Equal([("pending", "zadd"), ("processing", "zadd"), ("pending", "zrem")], listed.Select(move => (move.Status, move.Command)));
        var prefix = $"{fixture.Cluster.Options.ServiceId}/index/";
        Assert.NotNull(await _redis.GetDatabase().SortedSetScoreAsync(prefix + "processing", jobId));
        Assert.Null(await _redis.GetDatabase().SortedSetScoreAsync(prefix + "pending", jobId));

        FaultInjection.OpenGate(gate);
        Assert.Equal(JobStatus.Completed, (await job.UntilFinalAsync()).Status);
        await Wait.UntilAsync(() => Task.FromResult(_moves.ToArray()), seen => seen.Any(move => (move.Status, move.Command) == ("processing", "zrem")), Timeout,
            "the job to leave the processing list");
    }

    /// <summary>A move's add and removal are pipelined together: the removal that follows the add under
    /// <paramref name="status"/> ends the move.</summary>
    private static bool LeftUnfinishedList((DateTime At, string Status, string Command)[] moves, string status) =>
        moves.SkipWhile(move => (move.Status, move.Command) != (status, "zadd")).Any(move => move.Command == "zrem");

    private async Task<(DateTime At, string Status, string Command)[]> MovesAsync(
        Func<(DateTime At, string Status, string Command)[], bool> done, string what)
    {
        try
        {
            return await Wait.UntilAsync(() => Task.FromResult(_moves.ToArray()), done, Timeout, what);
        }
        catch (TimeoutException timeout)
        {
            throw new TimeoutException($"{timeout.Message}. Index moves seen: {Describe(_moves)}", timeout);
        }
    }

    private static string Describe(IEnumerable<(DateTime At, string Status, string Command)> moves) =>
        string.Join(", ", moves.Select(move => $"{move.Command} {move.Status} at {move.At:HH:mm:ss.fff}"));

    private async Task<JobSnapshot> RunAsync(string text)
    {
        var job = fixture.Client.GetGrain<IJobGrain>(Guid.NewGuid().ToString("N"));
        await job.SubmitAsync(new JobRequest(text));
        return await job.UntilFinalAsync();
    }
}
