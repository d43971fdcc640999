using OrleansNlp.Models;
using OrleansNlp.Text;

namespace OrleansNlp.Llm;

/// <summary>
/// Built-in extractive summariser (no language model): ranks chunks by similarity to the instruction,
/// or to the document vector when there is none, and returns the best ones in text order.
/// </summary>
public sealed class ExtractiveSummarizer : ILlmProvider
{
    public const string ProviderName = "extractive";
    public const string ModelName = "centrality";
    public const int MaxChunks = 2;

    public Task<LlmOutput> GenerateAsync(LlmRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(Summarize(request));

    public LlmOutput Summarize(LlmRequest request)
    {
        var embedding = request.Embedding;
        var target = embedding.InstructionVector ?? embedding.DocumentVector;
        var picked = embedding.Chunks
            .Select((chunk, index) => (chunk, index, score: VectorMath.Dot(chunk.Vector, target)))
            .OrderByDescending(item => item.score)
            .ThenBy(item => item.index)
            .Take(MaxChunks)
            .OrderBy(item => item.index)
            .Select(item => item.chunk.Text);
        return new LlmOutput(ProviderName, ModelName, string.Join(' ', picked), PromptTokens: null, CompletionTokens: null);
    }
}
