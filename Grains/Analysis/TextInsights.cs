using OrleansNlp.Models;

namespace OrleansNlp.Analysis;

/// <summary>What a job learns from its text without a model call: its language, word statistics in that language,
/// and its sentiment when the built-in analyzer covers the language. <see cref="AskLlmForSentiment"/> says the LLM
/// stage should judge the sentiment instead (the built-in analyzer does not cover the language);
/// <see cref="Sentiment"/> then holds the reason to report if no generative provider answers it.</summary>
public sealed record TextInsights(TextAnalysis Words, TextLanguage? Language, TextSentiment? Sentiment, bool AskLlmForSentiment);
