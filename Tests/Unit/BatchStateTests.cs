using OrleansNlp.Batches;
using OrleansNlp.Models;
using OrleansNlp.Tests.Infrastructure;

namespace OrleansNlp.Tests;

/// <summary>The batch's counting rules, without a cluster: updates in any order, completion, cancellation, summary.</summary>
[Trait(TestCategory.Trait, TestCategory.Unit)]
public sealed class BatchStateTests
{
    private static readonly DateTime Now = new(2026, 12, 1, 12, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan Retention = TimeSpan.FromHours(1);

    private static BatchState Accepted(int texts)
    {
        var state = new BatchState();
        state.Accept(new BatchRequest(Enumerable.Range(0, texts).Select(i => $"text {i}").ToArray()), Now);
        return state;
    }

    private static BatchJobUpdate Update(JobStatus status, long version, string? language = null, string? sentiment = null) =>
        new("b-0", status, version, language, sentiment);

    [Fact]
    public void AnOlderOrRepeatedUpdate_ChangesNothing()
    {
        var state = Accepted(1);

        Assert.True(state.Apply(0, Update(JobStatus.Completed, 4)));
        Assert.False(state.Apply(0, Update(JobStatus.Processing, 2)));
        Assert.False(state.Apply(0, Update(JobStatus.Completed, 4)));
        Assert.False(state.Apply(1, Update(JobStatus.Completed, 9)));

        Assert.Equal(new BatchCounts(0, 0, 1, 0, 0), state.Counts());
    }

    [Fact]
    public void Record_CompletesOnlyOnceEveryJobIsFinalAndEveryJobWasCreated()
    {
        var state = Accepted(2);
        state.Apply(0, Update(JobStatus.Completed, 4));
        state.Apply(1, Update(JobStatus.Failed, 5));

        state.Record(Now, Retention);
        Assert.Equal(BatchStatus.Processing, state.Status);

        state.CompleteFanOut();
        state.Record(Now, Retention);
        Assert.Equal(BatchStatus.Completed, state.Status);
        Assert.Equal((Now, Now + Retention), (state.CompletedAt, state.ExpiresAt));
        Assert.Equal(new BatchCounts(0, 0, 1, 1, 0), state.Counts());
        Assert.Equal(3, state.Version);
    }

    [Fact]
    public void Record_IsPendingUntilAJobStarts()
    {
        var state = Accepted(2);
        state.Apply(0, Update(JobStatus.Pending, 1));
        state.Record(Now, Retention);
        Assert.Equal(BatchStatus.Pending, state.Status);

        state.Apply(1, Update(JobStatus.Processing, 2));
        state.Record(Now, Retention);
        Assert.Equal(BatchStatus.Processing, state.Status);
    }

    [Fact]
    public void ACancelledBatch_CountsItsJobsThatWereNeverCreatedAsCancelled()
    {
        var state = Accepted(3);
        state.Apply(0, Update(JobStatus.Completed, 4));
        state.Apply(1, Update(JobStatus.Cancelled, 3));
        state.RequestCancel();

        Assert.False(state.MarkNeverCreated(0));
        Assert.True(state.MarkNeverCreated(2));
        state.Record(Now, Retention);

        Assert.Equal(BatchStatus.Cancelled, state.Status);
        Assert.Equal(new BatchCounts(0, 0, 1, 0, 2), state.Counts());
    }

    [Fact]
    public void AnOperatorRetryOfAFailedJob_ReopensACompletedBatch()
    {
        var state = Accepted(1);
        state.CompleteFanOut();
        state.Apply(0, Update(JobStatus.Failed, 5));
        state.Record(Now, Retention);
        Assert.Equal(BatchStatus.Completed, state.Status);

        state.Apply(0, Update(JobStatus.Pending, 6));
        state.Record(Now, Retention);

        Assert.Equal(BatchStatus.Pending, state.Status);
        Assert.Null(state.CompletedAt);
        Assert.Null(state.ExpiresAt);
    }

    [Fact]
    public void Summary_CountsLanguagesAndSentimentsOfCompletedJobs_NullsUnderNoKey()
    {
        var state = Accepted(5);
        state.Apply(0, Update(JobStatus.Completed, 4, "en", "positive"));
        state.Apply(1, Update(JobStatus.Completed, 4, "en", "negative"));
        state.Apply(2, Update(JobStatus.Completed, 4, "de", null));
        state.Apply(3, Update(JobStatus.Completed, 4, null, "neutral"));
        state.Apply(4, Update(JobStatus.Failed, 4, "fr", "positive"));

        var summary = state.Summary();

        Assert.Equal(new Dictionary<string, int> { ["en"] = 2, ["de"] = 1 }, summary.Languages);
        Assert.Equal((1, 1, 1), (summary.Positive, summary.Neutral, summary.Negative));
    }

    [Fact]
    public void Digest_TellsDifferentRequestsApart()
    {
        var request = new BatchRequest(["a", "b"], "summarise", """{"k":1}""");

        Assert.Equal(request.Digest(), (request with { Texts = ["a", "b"] }).Digest());
        Assert.NotEqual(request.Digest(), (request with { Texts = ["ab"] }).Digest());
        Assert.NotEqual(request.Digest(), (request with { Texts = ["a", "b", ""] }).Digest());
        Assert.NotEqual(request.Digest(), (request with { Priority = JobPriority.High }).Digest());
        Assert.NotEqual(request.Digest(), (request with { Instruction = null }).Digest());
    }

    [Theory]
    [InlineData("0123abcd", 0)]
    [InlineData("idem-ff00", 999)]
    public void JobIds_NameTheBatchAndThePosition(string batchId, int index)
    {
        var jobId = BatchJobIds.For(batchId, index);

        Assert.Equal(index, BatchJobIds.IndexOf(batchId, jobId));
        Assert.Equal(-1, BatchJobIds.IndexOf(batchId + "x", jobId));
        Assert.Equal(-1, BatchJobIds.IndexOf(batchId, batchId + "-x"));
    }
}
