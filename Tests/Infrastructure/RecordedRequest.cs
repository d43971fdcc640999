namespace OrleansNlp.Tests.Infrastructure;

/// <summary>A request that <see cref="FakeOpenAiServer"/> received: when, the model asked for, the messages' text,
/// the Authorization header, and the name of the JSON schema its response format asked for (null for plain text).</summary>
public sealed record RecordedRequest(DateTime ReceivedAt, string Model, string Prompt, string? Authorization = null, string? Schema = null);
