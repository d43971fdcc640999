using OrleansNlp.Models;
using OrleansNlp.Telemetry;
using OrleansNlp.Tests.Infrastructure;

namespace OrleansNlp.Tests;

/// <summary>The per-silo record of completions behind the throughput of GET /api/stats, and the stage counters behind
/// the jobs.active gauge.</summary>
[Trait(TestCategory.Trait, TestCategory.Unit)]
public sealed class CompletionHistoryTests
{
    private static readonly DateTime Now = new(2026, 12, 1, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Completions_FallIntoBucketsByAge_NewestLast()
    {
        var history = new CompletionHistory();
        history.Record(Now);
        history.Record(Now.AddSeconds(-3));
        history.Record(Now.AddSeconds(-7));
        history.Record(Now.AddMinutes(-10));

        var series = history.Snapshot(Now);

        Assert.Equal(3, series.CompletedLastMinute);
        Assert.Equal(4, series.CompletedLastHour);
        Assert.Equal(CompletionSeries.MinuteBuckets, series.LastMinute.Length);
        Assert.Equal(CompletionSeries.HourBuckets, series.LastHour.Length);
        Assert.Equal(2, series.LastMinute[^1]);
        Assert.Equal(1, series.LastMinute[^2]);
        Assert.Equal(3, series.LastHour[^1]);
        Assert.Equal(1, series.LastHour[^11]);
    }

    [Fact]
    public void CompletionsOlderThanAnHour_AreForgotten_EvenWhenTheirSlotComesRoundAgain()
    {
        var history = new CompletionHistory();
        history.Record(Now.AddHours(-1).AddSeconds(-1));
        history.Record(Now.AddHours(-2));

        Assert.Equal(0, history.Snapshot(Now).CompletedLastHour);

        // Same slot of the ring as the entry two hours ago: it starts again from zero.
        history.Record(Now);
        Assert.Equal(1, history.Snapshot(Now).CompletedLastHour);
    }

    [Fact]
    public void SeriesOfTwoSilos_AddUp()
    {
        var first = new CompletionHistory();
        var second = new CompletionHistory();
        first.Record(Now);
        second.Record(Now);
        second.Record(Now.AddSeconds(-30));

        var sum = first.Snapshot(Now).Plus(second.Snapshot(Now));

        Assert.Equal(3, sum.CompletedLastMinute);
        Assert.Equal(2, sum.LastMinute[^1]);
        Assert.Equal(3, sum.LastHour[^1]);
    }

    [Fact]
    public void StageOccupancy_FollowsAJobThroughItsStages_AndForgetsItWhenFinal()
    {
        var occupancy = new StageOccupancy();
        var state = new JobState();
        JobStage? counted = null;
        void Track()
        {
            var now = StageOccupancy.Of(state);
            occupancy.Move(counted, now);
            counted = now;
        }

        state.Accept(new JobRequest("text"), Now);
        Track();
        Assert.Equal(new StageOccupancyCounts(1, 0, 0), occupancy.Snapshot());
        state.EnterStage(JobStage.Embedding, 10, "embedding", Now);
        Track();
        Assert.Equal(new StageOccupancyCounts(0, 1, 0), occupancy.Snapshot());
        state.Checkpoint(new EmbeddingOutput("m", 2, [new EmbeddedChunk("t", [1f, 0f])], [1f, 0f], null), Now);
        Track();
        Assert.Equal(new StageOccupancyCounts(0, 0, 1), occupancy.Snapshot());
        state.Fail("boom", Now, TimeSpan.FromHours(1));
        Track();
        Assert.Equal(StageOccupancyCounts.None, occupancy.Snapshot());
        state.ReopenForRetry(Now, null);
        Track();
        Assert.Equal(new StageOccupancyCounts(1, 0, 0), occupancy.Snapshot());
    }
}
