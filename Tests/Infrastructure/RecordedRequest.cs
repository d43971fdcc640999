namespace OrleansNlp.Tests.Infrastructure;

/// <summary>A request that <see cref="FakeOpenAiServer"/> received: when, the model asked for, the messages' text,
/// and the Authorization header.</summary>
public sealed record RecordedRequest(DateTime ReceivedAt, string Model, string Prompt, string? Authorization = null);
