namespace OrleansNlp.Llm;

/// <summary>The messages sent to a chat model, the tokens they were counted at against the budget (cl100k, chat
/// format included; the excerpt labels are counted generously, so this is at least the exact count) and which chunks
/// they quote, in text order.</summary>
public sealed record LlmPrompt(string System, string User, int Tokens, IReadOnlyList<int> Chunks);
