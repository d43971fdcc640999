namespace OrleansNlp.Tests.Infrastructure;

/// <summary>A scripted answer of <see cref="FakeOpenAiServer"/>: an HTTP status, a JSON body and headers.</summary>
public sealed record FakeReply(int Status, string Body, IReadOnlyDictionary<string, string>? Headers = null, TimeSpan? Delay = null)
{
    /// <summary>A normal answer that takes <paramref name="delay"/>, as a slow model would.</summary>
    public static FakeReply SlowSuccess(TimeSpan delay) => new(200, "", Delay: delay);

    /// <summary>An error in OpenAI's shape: {"error": {"message", "type"}}.</summary>
    public static FakeReply Error(int status, string message, string? retryAfter = null) => new(
        status,
        System.Text.Json.JsonSerializer.Serialize(new { error = new { message, type = "fake_error", param = (string?)null, code = (string?)null } }),
        retryAfter is null ? null : new Dictionary<string, string> { ["Retry-After"] = retryAfter });
}
