extern alias bench;

using bench::OrleansNlp.Bench.Pipeline;
using OrleansNlp.Tests.Infrastructure;

namespace OrleansNlp.Tests;

/// <summary>The pipeline benchmark counts each process's context switches from <c>/proc/PID/task/*/status</c>.</summary>
[Trait(TestCategory.Trait, TestCategory.Unit)]
public sealed class ContextSwitchesTests
{
    [Fact]
    public void Parse_ReadsBothCounts_AmongTheOtherFields()
    {
        string[] status =
        [
            "Name:\t.NET TP Worker",
            "State:\tS (sleeping)",
            "Threads:\t39",
            "voluntary_ctxt_switches:\t1234",
            "nonvoluntary_ctxt_switches:\t56",
        ];

        Assert.Equal(new ContextSwitches(1234, 56), ContextSwitches.Parse(status));
    }

    [Fact]
    public void Of_CountsTheSleepsOfALiveThread()
    {
        var before = ContextSwitches.Of(Environment.ProcessId);
        // Sleeping is the behaviour measured here: each sleep gives the CPU up, one voluntary switch.
        for (var i = 0; i < 20; i++)
        {
            Thread.Sleep(1);
        }

        var after = ContextSwitches.Of(Environment.ProcessId);

        Assert.NotNull(before);
        Assert.NotNull(after);
        Assert.True((after.Value - before.Value).Voluntary >= 20, $"{after.Value - before.Value}");
    }

    [Fact]
    public void Of_IsNull_ForAProcessThatIsGone() => Assert.Null(ContextSwitches.Of(int.MaxValue));
}
