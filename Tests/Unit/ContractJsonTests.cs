using System.Text.Json;
using OrleansNlp.Models;
using OrleansNlp.Tests.Infrastructure;

namespace OrleansNlp.Tests;

/// <summary>The JSON of a job and of a progress event is a public contract (REST, webhooks, hub, SSE): these are the
/// exact bytes the server wrote before the shapes moved to OrleansNlp.Contracts, and must stay so (fields are only
/// ever added: language and sentiment came with issue 10).</summary>
[Trait(TestCategory.Trait, TestCategory.Unit)]
public sealed class ContractJsonTests
{
    public static JobSnapshot CompletedSnapshot() => new(
        "job-1", JobStatus.Completed, JobStage.Done, 100,
        new DateTime(2025, 1, 2, 3, 4, 5, 678, DateTimeKind.Utc), new DateTime(2025, 1, 2, 3, 4, 6, DateTimeKind.Utc),
        new DateTime(2025, 1, 2, 3, 4, 7, 250, DateTimeKind.Utc), new StageAttempts(1, 2),
        """{"source":"test","n":[1,2.5,{"x":null}],"bad":"\ud800"}""",
        new JobResult(new TextAnalysis(7, [new WordCount("cats", 2), new WordCount("dogs", 1)]),
            new EmbeddingSummary("glove", 3, 2, [0.25f, -0.5f, 1f]),
            new LlmOutput("extractive", "extractive-v1", "Cats and dogs.", null, 12), Cached: true,
            new TextLanguage("en", "English", 0.91, [new LanguageCandidate("en", "English", 0.91), new LanguageCandidate("nl", "Dutch", 0.05)]),
            new TextSentiment("positive", 0.4404, "vader")),
        null, "Done", new StageTimings(12.5, null), new DateTime(2025, 1, 9, 0, 0, 0, DateTimeKind.Utc), JobPriority.High, 7,
        new WebhookDelivery("http://127.0.0.1:1/hook", 2, new DateTime(2025, 1, 2, 3, 4, 8, DateTimeKind.Utc), "boom"));

    [Fact]
    public void CompletedJob_SerialisesAsBefore_WithoutTheVector()
    {
        Assert.Equal(
            """
            {"jobId":"job-1","status":"completed","stage":"done","progress":100,"message":"Done","createdAt":"2025-01-02T03:04:05.678Z","startedAt":"2025-01-02T03:04:06Z","completedAt":"2025-01-02T03:04:07.25Z","attempts":{"embedding":1,"llm":2},"metadata":{"source":"test","n":[1,2.5,{"x":null}],"bad":"\uFFFD"},"result":{"analysis":{"wordCount":7,"topWords":[{"word":"cats","count":2},{"word":"dogs","count":1}]},"embedding":{"model":"glove","dimensions":3,"chunks":2},"llm":{"provider":"extractive","model":"extractive-v1","output":"Cats and dogs.","promptTokens":null,"completionTokens":12},"cached":true,"language":{"code":"en","name":"English","confidence":0.91,"candidates":[{"code":"en","name":"English","confidence":0.91},{"code":"nl","name":"Dutch","confidence":0.05}]},"sentiment":{"label":"positive","score":0.4404,"method":"vader","reason":null}},"error":null,"timings":{"embeddingMs":12.5,"llmMs":null},"expiresAt":"2025-01-09T00:00:00Z","priority":"high","webhook":{"callbackUrl":"http://127.0.0.1:1/hook","attempts":2,"deliveredAt":"2025-01-02T03:04:08Z","lastError":"boom"},"version":7}
            """,
            JsonSerializer.Serialize(CompletedSnapshot().ToResponse(), JsonDefaults.Options));
    }

    [Fact]
    public void CompletedJob_WithIncludeVector_SerialisesAsBefore()
    {
        Assert.Equal(
            """
            {"jobId":"job-1","status":"completed","stage":"done","progress":100,"message":"Done","createdAt":"2025-01-02T03:04:05.678Z","startedAt":"2025-01-02T03:04:06Z","completedAt":"2025-01-02T03:04:07.25Z","attempts":{"embedding":1,"llm":2},"metadata":{"source":"test","n":[1,2.5,{"x":null}],"bad":"\uFFFD"},"result":{"analysis":{"wordCount":7,"topWords":[{"word":"cats","count":2},{"word":"dogs","count":1}]},"embedding":{"model":"glove","dimensions":3,"chunks":2,"vector":[0.25,-0.5,1]},"llm":{"provider":"extractive","model":"extractive-v1","output":"Cats and dogs.","promptTokens":null,"completionTokens":12},"cached":true,"language":{"code":"en","name":"English","confidence":0.91,"candidates":[{"code":"en","name":"English","confidence":0.91},{"code":"nl","name":"Dutch","confidence":0.05}]},"sentiment":{"label":"positive","score":0.4404,"method":"vader","reason":null}},"error":null,"timings":{"embeddingMs":12.5,"llmMs":null},"expiresAt":"2025-01-09T00:00:00Z","priority":"high","webhook":{"callbackUrl":"http://127.0.0.1:1/hook","attempts":2,"deliveredAt":"2025-01-02T03:04:08Z","lastError":"boom"},"version":7}
            """,
            JsonSerializer.Serialize(CompletedSnapshot().ToResponse(includeVector: true), JsonDefaults.Options));
    }

    [Fact]
    public void PendingJob_SerialisesAsBefore_WithItsNulls()
    {
        var pending = new JobSnapshot("job-2", JobStatus.Pending, JobStage.Queued, 0, new DateTime(2025, 1, 2, 3, 4, 5, DateTimeKind.Utc),
            null, null, new StageAttempts(), null, null, null, null);

        Assert.Equal(
            """
            {"jobId":"job-2","status":"pending","stage":"queued","progress":0,"message":null,"createdAt":"2025-01-02T03:04:05Z","startedAt":null,"completedAt":null,"attempts":{"embedding":0,"llm":0},"metadata":null,"result":null,"error":null,"timings":null,"expiresAt":null,"priority":"normal","webhook":null,"version":0}
            """,
            JsonSerializer.Serialize(pending.ToResponse(), JsonDefaults.Options));
    }

    [Fact]
    public void ProgressEvent_SerialisesAsBefore()
    {
        var progress = CompletedSnapshot().ToProgressEvent(new DateTime(2025, 1, 2, 3, 4, 9, DateTimeKind.Utc));

        Assert.Equal(
            """
            {"jobId":"job-1","status":"completed","stage":"done","progress":100,"message":"Done","timestamp":"2025-01-02T03:04:09Z","version":7}
            """,
            JsonSerializer.Serialize(progress.ToResponse(), JsonDefaults.Options));
    }

    [Fact]
    public void Enums_AreLowercaseNames_AndNumbersAreRefused()
    {
        Assert.Equal("\"cancelled\"", JsonSerializer.Serialize(JobStatus.Cancelled, JsonDefaults.Options));
        Assert.Equal("\"llm\"", JsonSerializer.Serialize(JobStage.Llm, JsonDefaults.Options));
        Assert.Equal("\"low\"", JsonSerializer.Serialize(JobPriority.Low, JsonDefaults.Options));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<JobStatus>("2", JsonDefaults.Options));
    }
}
