namespace OrleansNlp.Tests.Infrastructure;

/// <summary>A request that <see cref="FakeOpenAiServer"/> received: when, the model asked for, and the messages' text.</summary>
public sealed record RecordedRequest(DateTime ReceivedAt, string Model, string Prompt);
