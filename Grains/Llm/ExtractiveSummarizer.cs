using Microsoft.Extensions.Options;
using OrleansNlp.Embedding;
using OrleansNlp.Models;
using OrleansNlp.Text;

namespace OrleansNlp.Llm;

/// <summary>
/// Built-in extractive summariser (no language model, no network): splits the text into sentences, takes their vectors
/// from the embedding stage (or embeds them with the silo's model in one call), ranks them as <see cref="VectorRanker"/>
/// does (similarity to the instruction, or centrality without near-duplicates) and returns the best
/// <see cref="SummaryLength"/> of them in text order.
/// </summary>
public sealed class ExtractiveSummarizer(ITextEmbedder embedder, IOptions<LlmOptions> options) : ILlmProvider
{
    public const string ProviderName = "extractive";
    public const string ModelName = "ranked-sentences";

    /// <summary>The share of a text's sentences a summary keeps, before the limits.</summary>
    public const double SentenceShare = 0.2;

    /// <summary>Most sentences embedded for one summary: a longer text offers the sentences of its best chunks
    /// (ranked by the chunk vectors the embedding stage already made), so that its cost stays bounded.</summary>
    public const int MaxRankedSentences = EmbeddingOutput.MaxSentenceVectors;

    private readonly int _maxSentences = options.Value.ExtractiveSentences;

    public string Name => ProviderName;

    public string Model => ModelName;

    /// <summary>How many of a text's sentences its summary keeps: about <see cref="SentenceShare"/> of them, at least
    /// one, at most <paramref name="maxSentences"/>.</summary>
    public static int SummaryLength(int sentences, int maxSentences) =>
        Math.Clamp((int)Math.Round(sentences * SentenceShare, MidpointRounding.AwayFromZero), 1, Math.Max(1, maxSentences));

    public async Task<LlmOutput> GenerateAsync(LlmRequest request, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var embedding = request.Embedding;
        var sentences = embedding.Chunks.Select(chunk => SentenceSplitter.Split(chunk.Text)).ToArray();
        var total = sentences.Sum(chunk => chunk.Count);
        if (total <= 1)
        {
            return Output(sentences.SelectMany(chunk => chunk));
        }

        var candidates = Candidates(embedding, sentences);
        // The embedding stage embedded the sentences already when the job asked it to; an older checkpoint did not.
        var vectors = embedding.SentenceVectors is { } embedded && embedded.Count == candidates.Length
            ? embedded
            : await embedder.EmbedAsync(candidates, cancellationToken);
        var picked = VectorRanker.Rank(vectors, embedding.DocumentVector, embedding.InstructionVector)
            .Take(SummaryLength(total, _maxSentences))
            .Order()
            .Select(index => candidates[index]);
        return Output(picked);
    }

    /// <summary>The sentences to rank, in text order: all of them, or those of the best chunks up to
    /// <see cref="MaxRankedSentences"/>.</summary>
    private static string[] Candidates(EmbeddingOutput embedding, IReadOnlyList<string>[] sentences)
    {
        if (sentences.Sum(chunk => chunk.Count) <= MaxRankedSentences)
        {
            return sentences.SelectMany(chunk => chunk).ToArray();
        }

        var taken = new int[sentences.Length];
        var room = MaxRankedSentences;
        foreach (var chunk in ChunkRanker.Rank(embedding))
        {
            taken[chunk] = Math.Min(room, sentences[chunk].Count);
            room -= taken[chunk];
            if (room == 0)
            {
                break;
            }
        }

        return sentences.SelectMany((chunk, index) => chunk.Take(taken[index])).ToArray();
    }

    private static LlmOutput Output(IEnumerable<string> sentences) =>
        new(ProviderName, ModelName, SentenceSplitter.Join(sentences), PromptTokens: null, CompletionTokens: null);
}
