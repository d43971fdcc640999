using OrleansNlp.Tests.Infrastructure;
using System.Collections.Concurrent;
using OrleansNlp.Llm;
using OrleansNlp.Models;

namespace OrleansNlp.Tests;

[Trait(TestCategory.Trait, TestCategory.Unit)]
public sealed class PriorityGateTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task WhenSaturated_WaitersAreLetIn_HighThenNormalThenLow_FirstComeFirstServedWithinAPriority()
    {
        var gate = new PriorityGate(capacity: 1);
        var held = await gate.EnterAsync(JobPriority.Normal);
        var order = new ConcurrentQueue<string>();

        async Task Take(string name, JobPriority priority)
        {
            using var slot = await gate.EnterAsync(priority);
            order.Enqueue(name);
        }

        var waiters = new List<Task>();
        foreach (var (name, priority) in new[]
        {
            ("low-1", JobPriority.Low), ("normal-1", JobPriority.Normal), ("high-1", JobPriority.High),
            ("low-2", JobPriority.Low), ("normal-2", JobPriority.Normal), ("high-2", JobPriority.High),
        })
        {
            waiters.Add(Take(name, priority));
        }

        Assert.Equal(6, gate.Waiting);
        Assert.Empty(order);

        held.Dispose();
        await Task.WhenAll(waiters).WaitAsync(Timeout);

        Assert.Equal(["high-1", "high-2", "normal-1", "normal-2", "low-1", "low-2"], order);
        Assert.Equal(0, gate.InFlight);
    }

    [Fact]
    public async Task CancellingAWaiter_RemovesItFromTheQueue_AndTheSlotGoesToTheNextOne()
    {
        var gate = new PriorityGate(capacity: 1);
        var held = await gate.EnterAsync(JobPriority.Normal);
        using var cancel = new CancellationTokenSource();
        var cancelled = gate.EnterAsync(JobPriority.High, cancel.Token).AsTask();
        var next = gate.EnterAsync(JobPriority.Low).AsTask();
        Assert.Equal(2, gate.Waiting);

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled.WaitAsync(Timeout));
        Assert.Equal(1, gate.Waiting);
        Assert.False(next.IsCompleted);
        held.Dispose();
        using (await next.WaitAsync(Timeout))
        {
            Assert.Equal(1, gate.InFlight);
            Assert.Equal(0, gate.Waiting);
        }

        Assert.Equal(0, gate.InFlight);
    }

    [Fact]
    public async Task AlreadyCancelledToken_IsRefusedAtOnce_EvenWithFreeSlots()
    {
        var gate = new PriorityGate(capacity: 2);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => gate.EnterAsync(JobPriority.High, new CancellationToken(true)).AsTask());
        Assert.Equal(0, gate.InFlight);
    }

    [Fact]
    public async Task ManyConcurrentCallers_NeverExceedTheCapacity()
    {
        var gate = new PriorityGate(capacity: 3);
        var current = 0;
        var highest = 0;
        var priorities = new[] { JobPriority.High, JobPriority.Normal, JobPriority.Low };

        await Task.WhenAll(Enumerable.Range(0, 60).Select(i => Task.Run(async () =>
        {
            using var slot = await gate.EnterAsync(priorities[i % 3]);
            var now = Interlocked.Increment(ref current);
            InterlockedMax(ref highest, now);
            await Task.Delay(5);
            Interlocked.Decrement(ref current);
        }))).WaitAsync(Timeout);

        Assert.InRange(highest, 1, 3);
        Assert.Equal(0, gate.InFlight);
        Assert.Equal(0, gate.Waiting);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var seen = Volatile.Read(ref target);
        while (value > seen && Interlocked.CompareExchange(ref target, value, seen) is var previous && previous != seen)
        {
            seen = previous;
        }
    }
}
