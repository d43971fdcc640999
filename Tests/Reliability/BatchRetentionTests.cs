using OrleansNlp.Models;
using OrleansNlp.Tests.Infrastructure;

namespace OrleansNlp.Tests;

/// <summary>A batch's state in Redis: its texts are dropped once every job exists, and the whole batch is deleted
/// Jobs:Retention after it ended.</summary>
[Trait(TestCategory.Trait, TestCategory.Reliability)]
[Collection(ReliabilityClusterCollection.Name)]
public sealed class BatchRetentionTests(ReliabilityClusterFixture fixture)
{
    private string Key(string batchId, string state) => $"{fixture.Cluster.Options.ServiceId}/state/batch/{batchId}/{state}";

    [Fact]
    public async Task ACompletedBatch_KeepsNoTexts_AndIsDeletedFromRedisAfterTheRetention()
    {
        var batchId = Guid.NewGuid().ToString("N");
        var batch = fixture.Client.GetGrain<IBatchGrain>(batchId);
        await batch.SubmitAsync(new BatchRequest([$"First {batchId}.", $"Second {batchId}.", $"[llm:fatal] Third {batchId}."]));

        var final = await Wait.UntilAsync(batch.GetStatusAsync, s => s!.Status == BatchStatus.Completed, TimeSpan.FromSeconds(30), "the batch to complete");

        Assert.Equal(new BatchCounts(0, 0, 2, 1, 0), final!.Counts);
        Assert.Equal(final.CompletedAt + ReliabilityClusterFixture.Retention, final.ExpiresAt);
        await using var redis = await fixture.Redis.ConnectAsync();
        var db = redis.GetDatabase();
        Assert.True(await db.KeyExistsAsync(Key(batchId, "batch")));
        Assert.False(await db.KeyExistsAsync(Key(batchId, "batch-input")), "the texts are dropped once every job exists");

        await Wait.UntilAsync(batch.GetStatusAsync, s => s is null, TimeSpan.FromSeconds(45), "the batch to expire");

        Assert.False(await db.KeyExistsAsync(Key(batchId, "batch")));
    }
}
