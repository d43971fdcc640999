using Orleans.Concurrency;
using OrleansNlp.Models;
using OrleansNlp.Jobs;
using OrleansNlp.Embedding;
using OrleansNlp.Text;

namespace OrleansNlp;

/// <summary>Embedding stage: chunks the text and embeds the chunks, the instruction and, when asked, the sentences the
/// extractive summary ranks. Reentrant so that one activation
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
        var sentences = request.WithSentences ? SentencesToRank(chunkTexts) : [];
        var hasInstruction = request.Instruction is { Length: > 0 };
        // One call for all of them, so they share the batcher's runs: chunks, then sentences, then the instruction.
        var inputs = new string[chunkTexts.Count + sentences.Length + (hasInstruction ? 1 : 0)];
        for (var i = 0; i < chunkTexts.Count; i++)
        {
            inputs[i] = chunkTexts[i];
        }

        sentences.CopyTo(inputs, chunkTexts.Count);
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
            hasInstruction ? vectors[^1] : null)
        {
            WorkTime = workTime,
            SentenceVectors = sentences.Length > 0 ? vectors[chunkTexts.Count..(chunkTexts.Count + sentences.Length)] : null,
        };
    }

    /// <summary>The sentences the extractive summary ranks, when it ranks them all: none for a text of one sentence
    /// (its own summary) or of more than <see cref="EmbeddingOutput.MaxSentenceVectors"/> (the summary then picks them
    /// from its best chunks).</summary>
    private static string[] SentencesToRank(IReadOnlyList<string> chunkTexts)
    {
        var sentences = new List<string>();
        foreach (var chunk in chunkTexts)
        {
            sentences.AddRange(SentenceSplitter.Split(chunk));
            if (sentences.Count > EmbeddingOutput.MaxSentenceVectors)
            {
                return [];
            }
        }

        return sentences.Count > 1 ? [.. sentences] : [];
    }
}
