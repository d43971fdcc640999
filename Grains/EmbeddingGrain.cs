using Orleans.Concurrency;
using OrleansNlp.Models;
using OrleansNlp.Resilience;
using OrleansNlp.Embedding;
using OrleansNlp.Text;

namespace OrleansNlp;

/// <summary>Embedding stage: chunks the text, embeds chunks and instruction, and computes the word statistics.
/// Reentrant so that one activation keeps many requests waiting on the silo's batcher at once.</summary>
[StatelessWorker]
[Reentrant]
public sealed class EmbeddingGrain(ITextEmbedder embedder, StageCancellation cancellation) : Grain, IEmbeddingGrain
{
    public async Task<EmbeddingOutput> EmbedAsync(EmbeddingRequest request, CancellationToken cancellationToken = default)
    {
        using var cancel = cancellation.Link(request.JobId, cancellationToken);
        cancel.Token.ThrowIfCancellationRequested();
        var chunkTexts = embedder.Chunk(request.Text);
        var inputs = request.Instruction is { Length: > 0 } instruction
            ? chunkTexts.Append(instruction).ToArray()
            : chunkTexts.ToArray();
        var vectors = await embedder.EmbedAsync(inputs, cancel.Token);

        var chunks = chunkTexts.Select((text, i) => new EmbeddedChunk(text, vectors[i])).ToArray();
        var document = VectorMath.MeanNormalized(chunks.Select(chunk => chunk.Vector), embedder.Dimensions);
        var instructionVector = inputs.Length > chunkTexts.Count ? vectors[^1] : null;

        return new EmbeddingOutput(
            embedder.Model,
            embedder.Dimensions,
            chunks,
            document,
            instructionVector,
            TextAnalyzer.Analyze(request.Text));
    }
}
