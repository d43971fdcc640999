using Microsoft.Extensions.Options;
using OrleansNlp.Models;

namespace OrleansNlp.Llm;

/// <summary>
/// Built-in extractive summariser (no language model, no network): picks the best chunks as <see cref="ChunkRanker"/>
/// orders them (relevance to the instruction, or centrality without near-duplicates) and returns them in text order.
/// </summary>
public sealed class ExtractiveSummarizer(IOptions<LlmOptions> options) : ILlmProvider
{
    public const string ProviderName = "extractive";
    public const string ModelName = "ranked-chunks";

    private readonly int _chunks = Math.Max(1, options.Value.ExtractiveChunks);

    public string Name => ProviderName;

    public string Model => ModelName;

    public Task<LlmOutput> GenerateAsync(LlmRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(Summarize(request));

    public LlmOutput Summarize(LlmRequest request)
    {
        var chunks = request.Embedding.Chunks;
        var picked = ChunkRanker.Rank(request.Embedding).Take(_chunks).Order().Select(index => chunks[index].Text);
        return new LlmOutput(ProviderName, ModelName, string.Join(' ', picked), PromptTokens: null, CompletionTokens: null);
    }
}
