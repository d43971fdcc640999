using OrleansNlp.Models;

namespace OrleansNlp.Llm;

/// <summary>Orders a text's embedded chunks as <see cref="VectorRanker"/> does: by similarity to the instruction, or
/// by centrality without near-duplicates.</summary>
public static class ChunkRanker
{
    /// <summary>Chunk indices, best first.</summary>
    public static int[] Rank(EmbeddingOutput embedding) =>
        VectorRanker.Rank(embedding.Chunks.Select(chunk => chunk.Vector).ToArray(), embedding.DocumentVector, embedding.InstructionVector);
}
