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
        // Several refills of 64 ids on each of several threads.
        var ids = Enumerable.Range(0, 4)
            .AsParallel()
            .WithDegreeOfParallelism(4)
            .SelectMany(_ => Enumerable.Range(0, 1000).Select(_ => RandomIds.New()).ToList())
            .ToList();

        Assert.Equal(4000, ids.Count);
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
