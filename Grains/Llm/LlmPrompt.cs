namespace OrleansNlp.Llm;

/// <summary>The messages sent to a chat model, their token count (cl100k, chat format included) and which chunks
/// they quote, in text order.</summary>
public sealed record LlmPrompt(string System, string User, int Tokens, IReadOnlyList<int> Chunks);
