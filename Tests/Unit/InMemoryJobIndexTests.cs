using OrleansNlp.Index;
using OrleansNlp.Models;
using OrleansNlp.Tests.Infrastructure;

namespace OrleansNlp.Tests;

/// <summary>The embedded mode's status index: lists per owner, moves, and the oldest-first pages the watchdog reads.</summary>
[Trait(TestCategory.Trait, TestCategory.Unit)]
public sealed class InMemoryJobIndexTests
{
    private static readonly DateTime T0 = new(2026, 12, 1, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task CreatedBefore_PagesOldestFirst_FromAGivenCreationTime()
    {
        var index = new InMemoryJobIndex();
        for (var i = 0; i < 5; i++)
        {
            await index.SetStatusAsync($"job-{i}", owner: null, previous: null, JobStatus.Completed, T0.AddSeconds(i));
        }

        var first = await index.CreatedBeforeAsync(JobStatus.Completed, T0.AddSeconds(4), limit: 2);
        var next = await index.CreatedBeforeAsync(JobStatus.Completed, T0.AddSeconds(4), limit: 2, first[^1].CreatedTicks);

        Assert.Equal(["job-0", "job-1"], first.Select(entry => entry.JobId));
        Assert.Equal(["job-1", "job-2"], next.Select(entry => entry.JobId));
        Assert.Empty(await index.CreatedBeforeAsync(JobStatus.Pending, T0.AddSeconds(4), limit: 2));
    }

    [Fact]
    public async Task AMove_ListsTheJobUnderItsNewStatusOnly_ForAllAndForItsOwner()
    {
        var index = new InMemoryJobIndex();
        await index.SetStatusAsync("job", "alice", previous: null, JobStatus.Pending, T0);

        await index.SetStatusAsync("job", "alice", JobStatus.Pending, JobStatus.Completed, T0);

        Assert.Empty((await index.ListAsync(JobStatus.Pending, owner: null, 10, cursor: null)).JobIds);
        Assert.Equal(["job"], (await index.ListAsync(JobStatus.Completed, owner: null, 10, cursor: null)).JobIds);
        Assert.Equal(["job"], (await index.ListAsync(JobStatus.Completed, "alice", 10, cursor: null)).JobIds);
        Assert.Empty((await index.ListAsync(JobStatus.Completed, "bob", 10, cursor: null)).JobIds);
    }
}
