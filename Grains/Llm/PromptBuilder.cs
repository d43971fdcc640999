using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.ML.Tokenizers;
using OrleansNlp.Models;

namespace OrleansNlp.Llm;

/// <summary>
/// Builds the chat prompt: the instruction (or the default one) followed by the best chunks (see
/// <see cref="ChunkRanker"/>) taken in rank order while they fit the token budget, then quoted in text order.
/// </summary>
public sealed class PromptBuilder(Tokenizer tokenizer, IOptions<LlmOptions> options)
{
    public const string SystemMessage =
        "You are a careful assistant. Follow the user's instruction using only the numbered excerpts of a text that " +
        "come after it. Do not add facts that are not in the excerpts.";

    // The chat format adds about 3 tokens per message plus 3 to start the reply (cl100k chat models).
    private const int ChatFormatTokens = 9;

    // "\n\n[12] " before each excerpt.
    private const int ExcerptLabelTokens = 6;

    private readonly LlmOptions _options = options.Value;
    private readonly int _systemTokens = tokenizer.CountTokens(SystemMessage);

    // Most requests use the default instruction: its header and token count are computed once.
    private readonly (string Text, int Tokens) _defaultHeader = HeaderOf(options.Value.DefaultInstruction, tokenizer);

    public int CountTokens(string text) => tokenizer.CountTokens(text);

    public LlmPrompt Build(LlmRequest request)
    {
        var (header, headerTokens) = string.IsNullOrWhiteSpace(request.Instruction)
            ? _defaultHeader
            : HeaderOf(request.Instruction.Trim(), tokenizer);
        var fixedTokens = ChatFormatTokens + _systemTokens + headerTokens;
        var remaining = _options.PromptTokenBudget - fixedTokens;

        var chunks = request.Embedding.Chunks;
        var picked = new List<(int Index, string Text)>();
        foreach (var index in ChunkRanker.Rank(request.Embedding))
        {
            var cost = ExcerptLabelTokens + CountTokens(chunks[index].Text);
            if (cost > remaining)
            {
                break;
            }

            picked.Add((index, chunks[index].Text));
            remaining -= cost;
        }

        if (picked.Count == 0 && chunks.Count > 0 && remaining > ExcerptLabelTokens)
        {
            // Even the best chunk is over the budget: quote as much of it as fits rather than nothing.
            var best = ChunkRanker.Rank(request.Embedding)[0];
            var text = chunks[best].Text;
            var end = tokenizer.GetIndexByTokenCount(text, remaining - ExcerptLabelTokens, out _, out var taken);
            picked.Add((best, text[..end]));
            remaining -= ExcerptLabelTokens + taken;
        }

        picked.Sort((a, b) => a.Index.CompareTo(b.Index));
        var user = new StringBuilder(header, header.Length + picked.Sum(chunk => chunk.Text.Length + 8));
        for (var n = 0; n < picked.Count; n++)
        {
            user.Append("\n\n[").Append(n + 1).Append("] ").Append(picked[n].Text);
        }

        return new LlmPrompt(SystemMessage, user.ToString(), _options.PromptTokenBudget - remaining, picked.Select(chunk => chunk.Index).ToArray());
    }

    private static (string Text, int Tokens) HeaderOf(string instruction, Tokenizer tokenizer)
    {
        var header = $"{instruction}\n\nExcerpts of the text, in text order:";
        return (header, tokenizer.CountTokens(header));
    }

    /// <summary>The exact count of a prompt's tokens, chat format included (for when a server reports no usage).</summary>
    public int CountPromptTokens(LlmPrompt prompt) => ChatFormatTokens + CountTokens(prompt.System) + CountTokens(prompt.User);
}
