namespace OrleansNlp.Tests.Infrastructure;

/// <summary>A scripted answer of <see cref="FakeOpenAiServer"/>: an HTTP status, a JSON body and headers.</summary>
public sealed record FakeReply(int Status, string Body, IReadOnlyDictionary<string, string>? Headers = null, TimeSpan? Delay = null, Task? Gate = null)
{
    /// <summary>A chat completion whose message is <paramref name="content"/>, with the fake server's model and usage.</summary>
    public static FakeReply Content(string content) => new(200, System.Text.Json.JsonSerializer.Serialize(new
    {
        id = "chatcmpl-fake",
        @object = "chat.completion",
        created = 1_700_000_000,
        model = FakeOpenAiServer.AnsweringModel,
        choices = new[] { new { index = 0, message = new { role = "assistant", content }, finish_reason = "stop" } },
        usage = new
        {
            prompt_tokens = FakeOpenAiServer.PromptTokens,
            completion_tokens = FakeOpenAiServer.CompletionTokens,
            total_tokens = FakeOpenAiServer.PromptTokens + FakeOpenAiServer.CompletionTokens,
        },
    }));

    /// <summary>A normal answer that takes <paramref name="delay"/>, as a slow model would.</summary>
    public static FakeReply SlowSuccess(TimeSpan delay) => new(200, "", Delay: delay);

    /// <summary>A normal answer given only once <paramref name="gate"/> completes: holds the call as long as a test needs.</summary>
    public static FakeReply Held(Task gate) => new(200, "", Gate: gate);

    /// <summary>An error in OpenAI's shape: {"error": {"message", "type"}}.</summary>
    public static FakeReply Error(int status, string message, string? retryAfter = null) => new(
        status,
        System.Text.Json.JsonSerializer.Serialize(new { error = new { message, type = "fake_error", param = (string?)null, code = (string?)null } }),
        retryAfter is null ? null : new Dictionary<string, string> { ["Retry-After"] = retryAfter });
}
