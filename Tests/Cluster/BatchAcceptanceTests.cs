using OrleansNlp.Models;
using OrleansNlp.Tests.Infrastructure;

namespace OrleansNlp.Tests;

/// <summary>A batch is accepted only once everything that finishes it is in place: its texts, its reminder and its
/// state. A batch without a reminder would stop for good when its fan-out stopped (storage down) and nobody read it.</summary>
[Trait(TestCategory.Trait, TestCategory.Cluster)]
[Collection(ClusterCollection.Name)]
public sealed class BatchAcceptanceTests(ClusterFixture fixture)
{
    [Fact]
    public async Task ABatchWhoseReminderCannotBeRegistered_IsNotAccepted_AndNoneOfItsJobsExists()
    {
        var batchId = FaultInjectingReminderTable.RefusedPrefix + Guid.NewGuid().ToString("N");
        var batch = fixture.Client.GetGrain<IBatchGrain>(batchId);

        await Assert.ThrowsAsync<JobStoreUnavailableException>(() => batch.SubmitAsync(new BatchRequest(["One text.", "Another text."])));

        Assert.Null(await batch.GetStatusAsync());
        Assert.Null(await fixture.Client.GetGrain<IJobGrain>(BatchJobIds.For(batchId, 0)).GetStatusAsync());
    }
}
