using OrleansNlp.Tests.Infrastructure;
using OrleansNlp.WebFrontend.Batches;
using OrleansNlp.WebFrontend.Jobs;

namespace OrleansNlp.Tests;

[Trait(TestCategory.Trait, TestCategory.Unit)]
public sealed class RandomIdsTests
{
    [Fact]
    public void Ids_Are32LowercaseHexDigits_AndNeverRepeat_AcrossRefillsAndThreads()
    {
        // Several refills of 64 ids on each of four threads, which start together.
        const int Threads = 4;
        using var start = new Barrier(Threads);
        var perThread = new List<string>[Threads];
        var threads = Enumerable.Range(0, Threads).Select(index => new Thread(() =>
        {
            start.SignalAndWait();
            perThread[index] = Enumerable.Range(0, 1000).Select(_ => RandomIds.New()).ToList();
        })).ToList();
        threads.ForEach(thread => thread.Start());
        threads.ForEach(thread => thread.Join());

        var ids = perThread.SelectMany(list => list).ToList();
        Assert.Equal(Threads * 1000, ids.Count);
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(ids, id => Assert.Matches("^[0-9a-f]{32}$", id));
    }

    [Fact]
    public void JobAndBatchIds_AreValidIdsOfTheirKind()
    {
        Assert.True(JobIds.IsValid(JobIds.New()));
        Assert.True(BatchIds.IsValid(BatchIds.New()));
        Assert.NotEqual(JobIds.New(), JobIds.New());
    }
}
