using Orleans.Concurrency;
using OrleansNlp.Models;
using OrleansNlp.Jobs;
using OrleansNlp.Embedding;
using OrleansNlp.Text;

namespace OrleansNlp;

/// <summary>Embedding stage: chunks the text and embeds the chunks and the instruction. Reentrant so that one activation
/// keeps many requests waiting on the silo's batcher at once. It does nothing else (the job computes the word
/// statistics): with a light model, every microsecond spent here per request is a large part of the stage's cost.</summary>
[StatelessWorker]
[Reentrant]
public sealed class EmbeddingGrain(ITextEmbedder embedder, StageCancellation cancellation) : Grain, IEmbeddingGrain
{
    public async Task<EmbeddingOutput> EmbedAsync(EmbeddingRequest request)
    {
        using var work = cancellation.StartWork(request.JobId, request.AttemptTimeout);
        return await work.RunAsync(EmbedAsync, request, "embedding");
    }

    private async Task<EmbeddingOutput> EmbedAsync(EmbeddingRequest request, CancellationToken cancellationToken)
    {
        var chunkTexts = embedder.Chunk(request.Text);
        var hasInstruction = request.Instruction is { Length: > 0 };
        var inputs = new string[chunkTexts.Count + (hasInstruction ? 1 : 0)];
        for (var i = 0; i < chunkTexts.Count; i++)
        {
            inputs[i] = chunkTexts[i];
        }

        if (hasInstruction)
        {
            inputs[^1] = request.Instruction!;
        }

        var (vectors, workTime) = await embedder.EmbedMeasuredAsync(inputs, cancellationToken);

        var chunks = new EmbeddedChunk[chunkTexts.Count];
        for (var i = 0; i < chunks.Length; i++)
        {
            chunks[i] = new EmbeddedChunk(chunkTexts[i], vectors[i]);
        }

        // The mean of one unit vector is that vector.
        var document = chunks.Length == 1 ? chunks[0].Vector : VectorMath.MeanNormalized(chunks.Select(chunk => chunk.Vector), embedder.Dimensions);
        return new EmbeddingOutput(
            embedder.Model,
            embedder.Dimensions,
            chunks,
            document,
            hasInstruction ? vectors[^1] : null) { WorkTime = workTime };
    }
}
