using OrleansNlp.Models;
using OrleansNlp.Webhooks;
using OrleansNlp.Tests.Infrastructure;

namespace OrleansNlp.Tests;

/// <summary>The job state machine without a cluster: every allowed move and every refused one.</summary>
[Trait(TestCategory.Trait, TestCategory.Unit)]
public sealed class JobStateTests
{
    private static readonly DateTime Now = new(2026, 12, 1, 12, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan Retention = TimeSpan.FromHours(1);
    private static readonly EmbeddingOutput Embedding = new("m", 2, [new EmbeddedChunk("text", [1f, 0f])], [1f, 0f], null);
    private static readonly JobResult Result = new(new TextAnalysis(1, []), new EmbeddingSummary("m", 2, 1), new LlmOutput("p", "m", "out", null, null));

    private static JobState Accepted(string? callbackUrl = null)
    {
        var state = new JobState();
        state.Accept(new JobRequest("text", CallbackUrl: callbackUrl), Now);
        return state;
    }

    private static JobState Embedding_() => Enter(Accepted(), JobStage.Embedding);

    private static JobState Enter(JobState state, JobStage stage)
    {
        Assert.NotNull(state.EnterStage(stage, 10, "entered", Now));
        return state;
    }

    private static JobState Final(JobStatus status, string? callbackUrl = null)
    {
        var state = Enter(Accepted(callbackUrl), JobStage.Embedding);
        var change = status switch
        {
            JobStatus.Completed => state.Complete(Result, "Completed", Now, Retention),
            JobStatus.Failed => state.Fail("boom", Now, Retention),
            _ => state.Cancel(Now, Retention),
        };
        Assert.NotNull(change);
        return state;
    }

    [Fact]
    public void Accept_MakesAPendingQueuedJob_AtVersion1_NewInTheIndex()
    {
        var state = new JobState();

        var change = state.Accept(new JobRequest("text"), Now);

        Assert.Equal(new JobChange(null, JobStatus.Pending, Publish: true), change);
        Assert.True(change.StatusChanged);
        Assert.Equal((JobStatus.Pending, JobStage.Queued, 1L, Now), (state.Status, state.Stage, state.Version, state.CreatedAt));
    }

    [Fact]
    public void Accept_AndAnOperatorRetry_EachSetTheRunsDeadline()
    {
        var state = new JobState();
        state.Accept(new JobRequest("text"), Now, TimeSpan.FromMinutes(10));
        Assert.Equal(Now.AddMinutes(10), state.DeadlineAt);

        state.Fail("boom", Now.AddMinutes(1), Retention);
        state.ReopenForRetry(Now.AddHours(1), TimeSpan.FromMinutes(10));

        Assert.Equal(Now.AddHours(1).AddMinutes(10), state.DeadlineAt);
    }

    [Fact]
    public void AResumedJob_SkipsTheVersionsItsInterruptedRunMayHavePublished_AFinalOneDoesNot()
    {
        var state = Embedding_();
        var published = state.Version;

        state.SkipUnwrittenVersions();
        state.Cancel(Now, Retention);
        var final = state.Version;
        state.SkipUnwrittenVersions();

        Assert.Equal(published + 3, final);
        Assert.Equal(final, state.Version);
    }

    [Fact]
    public void Accept_Twice_Throws() =>
        Assert.Throws<InvalidOperationException>(() => Accepted().Accept(new JobRequest("again"), Now));

    [Fact]
    public void EveryMove_OnAJobNeverAccepted_IsRefused()
    {
        var state = new JobState();

        Assert.Null(state.EnterStage(JobStage.Embedding, 10, "x", Now));
        Assert.Null(state.Complete(Result, "x", Now, Retention));
        Assert.Null(state.Fail("x", Now, Retention));
        Assert.Null(state.Cancel(Now, Retention));
        Assert.Null(state.ReopenForRetry());
        Assert.Equal(0, state.Version);
    }

    [Fact]
    public void EnterStage_FromPending_StartsProcessing_CountsTheAttempt_SetsStartedAt()
    {
        var state = Accepted();

        var change = state.EnterStage(JobStage.Embedding, 10, "Embedding text", Now);

        Assert.Equal(new JobChange(JobStatus.Pending, JobStatus.Processing, Publish: true), change);
        Assert.Equal((JobStage.Embedding, 10, 1, Now), (state.Stage, state.Progress, state.Attempts.Embedding, state.StartedAt));
        Assert.Equal(2, state.Version);
    }

    [Fact]
    public void EnterStage_Again_CountsAnotherAttempt_WithoutAStatusChange()
    {
        var state = Embedding_();

        var change = state.EnterStage(JobStage.Embedding, 10, "running again", Now.AddMinutes(1));

        Assert.False(change!.Value.StatusChanged);
        Assert.Equal(2, state.Attempts.Embedding);
        Assert.Equal(Now, state.StartedAt);
    }

    [Theory]
    [InlineData(JobStage.Queued)]
    [InlineData(JobStage.Done)]
    public void EnterStage_OfAStageWithoutAttempts_Throws(JobStage stage) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Accepted().EnterStage(stage, 0, "x", Now));

    [Fact]
    public void RetryStage_WhileProcessing_CountsTheNextAttempt_AndIsRefusedOtherwise()
    {
        var state = Embedding_();

        Assert.NotNull(state.RetryStage("retrying"));
        Assert.Equal(2, state.Attempts.Embedding);
        Assert.Equal("retrying", state.Message);
        Assert.Null(Accepted().RetryStage("x"));
        Assert.Null(Final(JobStatus.Cancelled).RetryStage("x"));
    }

    [Fact]
    public void Checkpoint_AfterEmbedding_KeepsTheOutput_AndEntersTheLlmStage()
    {
        var state = Embedding_();

        var change = state.Checkpoint(Embedding, Now.AddSeconds(1));

        Assert.NotNull(change);
        Assert.Same(Embedding, state.Embedding);
        Assert.Equal((JobStage.Llm, 50, 1, Now.AddSeconds(1)), (state.Stage, state.Progress, state.Attempts.Llm, state.EmbeddingFinishedAt));
    }

    [Fact]
    public void A_completed_or_cancelled_job_drops_its_checkpoint_and_a_failed_one_keeps_it_for_a_retry()
    {
        foreach (var (status, keeps) in new[] { (JobStatus.Completed, false), (JobStatus.Cancelled, false), (JobStatus.Failed, true) })
        {
            var state = Embedding_();
            state.Checkpoint(Embedding, Now);
            Assert.NotNull(status switch
            {
                JobStatus.Completed => state.Complete(Result, "Completed", Now, Retention),
                JobStatus.Failed => state.Fail("boom", Now, Retention),
                _ => state.Cancel(Now, Retention),
            });

            Assert.Equal(keeps, state.Embedding is not null);
        }
    }

    [Fact]
    public void Checkpoint_OutsideTheEmbeddingStage_IsRefused()
    {
        Assert.Null(Accepted().Checkpoint(Embedding, Now));
        var llm = Embedding_();
        llm.Checkpoint(Embedding, Now);
        Assert.Null(llm.Checkpoint(Embedding, Now));
        Assert.Null(Final(JobStatus.Failed).Checkpoint(Embedding, Now));
    }

    [Fact]
    public void Complete_FromProcessing_IsFinal_Done_WithExpiry()
    {
        var state = Embedding_();

        var change = state.Complete(Result, "Completed", Now.AddSeconds(2), Retention);

        Assert.Equal(new JobChange(JobStatus.Processing, JobStatus.Completed, Publish: true), change);
        Assert.True(state.IsFinal);
        Assert.Equal((JobStage.Done, 100, Now.AddSeconds(2), Now.AddSeconds(2) + Retention), (state.Stage, state.Progress, state.CompletedAt, state.ExpiresAt));
        Assert.Same(Result, state.Result);
    }

    [Fact]
    public void Complete_FromPending_IsACacheHit_AndSetsStartedAt()
    {
        var state = Accepted();

        Assert.NotNull(state.Complete(Result, "Completed from the result cache", Now, Retention));
        Assert.Equal(Now, state.StartedAt);
        Assert.Equal(new StageAttempts(), state.Attempts);
    }

    [Fact]
    public void Fail_KeepsTheStageAndProgress_AndRecordsTheError()
    {
        var state = Embedding_();

        Assert.NotNull(state.Fail("Embedding stage failed: boom", Now, Retention));
        Assert.Equal((JobStatus.Failed, JobStage.Embedding, 10, "Embedding stage failed: boom"), (state.Status, state.Stage, state.Progress, state.Error));
    }

    [Theory]
    [InlineData(JobStatus.Pending)]
    [InlineData(JobStatus.Processing)]
    public void Cancel_APendingOrRunningJob_IsFinal(JobStatus from)
    {
        var state = from == JobStatus.Pending ? Accepted() : Embedding_();

        var change = state.Cancel(Now, Retention);

        Assert.Equal(new JobChange(from, JobStatus.Cancelled, Publish: true), change);
        Assert.Equal("Cancelled by request", state.Message);
    }

    [Theory]
    [InlineData(JobStatus.Completed)]
    [InlineData(JobStatus.Failed)]
    [InlineData(JobStatus.Cancelled)]
    public void AFinalJob_RefusesEveryMove_ButAnOperatorRetryOfAFailedOne(JobStatus status)
    {
        var state = Final(status);
        var version = state.Version;

        Assert.Null(state.EnterStage(JobStage.Llm, 50, "x", Now));
        Assert.Null(state.RetryStage("x"));
        Assert.Null(state.Complete(Result, "x", Now, Retention));
        Assert.Null(state.Fail("x", Now, Retention));
        Assert.Null(state.Cancel(Now, Retention));
        Assert.Equal(version, state.Version);
        Assert.Equal(status == JobStatus.Failed, state.ReopenForRetry() is not null);
    }

    [Fact]
    public void ReopenForRetry_OfAFailedJob_IsPendingAtItsCheckpoint_WithFreshLimitsAndWebhook()
    {
        var state = Enter(Accepted("http://hooks.example/x"), JobStage.Embedding);
        state.Checkpoint(Embedding, Now);
        state.Fail("LLM stage failed", Now, Retention);
        state.RecordWebhook(new WebhookOutcome(2, "refused"), maxAttempts: 10, Now);

        var change = state.ReopenForRetry();

        Assert.Equal(new JobChange(JobStatus.Failed, JobStatus.Pending, Publish: true), change);
        Assert.Equal((JobStage.Llm, (string?)null, (DateTime?)null, (DateTime?)null), (state.Stage, state.Error, state.CompletedAt, state.ExpiresAt));
        Assert.Equal(0, state.AttemptsSinceRetryOf(JobStage.Llm));
        Assert.Equal(1, state.AttemptsOf(JobStage.Llm));
        Assert.Equal((0, (string?)null), (state.WebhookAttempts, state.WebhookError));
        Assert.NotNull(state.EnterStage(JobStage.Llm, 50, "again", Now));
        Assert.Equal(1, state.AttemptsSinceRetryOf(JobStage.Llm));
    }

    [Fact]
    public void RecordWebhook_IsOwedOnlyByAFinalJobWithACallback_AndNotPublished()
    {
        var running = Enter(Accepted("http://hooks.example/x"), JobStage.Embedding);
        Assert.False(running.OwesWebhook(10));
        Assert.Null(running.RecordWebhook(new WebhookOutcome(1, null), 10, Now));
        Assert.False(Final(JobStatus.Completed).OwesWebhook(10));

        var state = Final(JobStatus.Completed, "http://hooks.example/x");
        Assert.True(state.OwesWebhook(10));
        var failed = state.RecordWebhook(new WebhookOutcome(4, "503"), 10, Now);
        Assert.Equal(new JobChange(JobStatus.Completed, JobStatus.Completed, Publish: false), failed);
        Assert.Equal((4, "503", (DateTime?)null), (state.WebhookAttempts, state.WebhookError, state.WebhookDeliveredAt));
        Assert.True(state.OwesWebhook(10));

        Assert.NotNull(state.RecordWebhook(new WebhookOutcome(1, null), 10, Now.AddMinutes(1)));
        Assert.Equal((5, (string?)null, (DateTime?)Now.AddMinutes(1)), (state.WebhookAttempts, state.WebhookError, state.WebhookDeliveredAt));
        Assert.False(state.OwesWebhook(10));
        Assert.Null(state.RecordWebhook(new WebhookOutcome(1, null), 10, Now));
    }

    [Fact]
    public void RecordWebhook_GivingUp_UsesEveryAttempt_AndAttemptsRunOut()
    {
        var state = Final(JobStatus.Failed, "http://hooks.example/x");

        state.RecordWebhook(new WebhookOutcome(0, "blocked: host not allowed", GiveUp: true), 10, Now);

        Assert.Equal(10, state.WebhookAttempts);
        Assert.False(state.OwesWebhook(10));
    }

    [Fact]
    public void EveryAppliedMove_BumpsTheVersion_ByOne()
    {
        var state = Accepted();
        var versions = new List<long> { state.Version };
        state.EnterStage(JobStage.Embedding, 10, "x", Now);
        versions.Add(state.Version);
        state.RetryStage("x");
        versions.Add(state.Version);
        state.Checkpoint(Embedding, Now);
        versions.Add(state.Version);
        state.Complete(Result, "x", Now, Retention);
        versions.Add(state.Version);

        Assert.Equal([1L, 2, 3, 4, 5], versions);
    }
}
