using OrleansNlp.Models;
using OrleansNlp.Text;

namespace OrleansNlp.Llm;

/// <summary>
/// Orders a text's chunks by how well they serve the job: by cosine similarity to the instruction vector when the job
/// has an instruction; otherwise by centrality (similarity to the document vector) with a maximal-marginal-relevance
/// penalty, so that a chunk repeating one already picked drops behind a chunk that adds something.
/// </summary>
public static class ChunkRanker
{
    /// <summary>MMR's λ: weight of centrality against novelty.</summary>
    public const float CentralityWeight = 0.7f;

    /// <summary>MMR costs a pass over all chunks per pick; past this many picks the rest follow by centrality alone.</summary>
    public const int MaxDiversifiedPicks = 64;

    /// <summary>Chunk indices, best first. Vectors are unit length, so a dot product is the cosine.</summary>
    public static int[] Rank(EmbeddingOutput embedding) =>
        embedding.InstructionVector is { } instruction
            ? BySimilarity(embedding.Chunks, instruction)
            : ByCentrality(embedding.Chunks, embedding.DocumentVector);

    private static int[] BySimilarity(IReadOnlyList<EmbeddedChunk> chunks, float[] target)
    {
        var scores = chunks.Select(chunk => VectorMath.Dot(chunk.Vector, target)).ToArray();
        return Enumerable.Range(0, chunks.Count).OrderByDescending(i => scores[i]).ThenBy(i => i).ToArray();
    }

    private static int[] ByCentrality(IReadOnlyList<EmbeddedChunk> chunks, float[] document)
    {
        var count = chunks.Count;
        var centrality = chunks.Select(chunk => VectorMath.Dot(chunk.Vector, document)).ToArray();
        var redundancy = new float[count];
        var picked = new bool[count];
        var order = new List<int>(count);
        var diversified = Math.Min(count, MaxDiversifiedPicks);
        for (var pick = 0; pick < diversified; pick++)
        {
            var best = -1;
            var bestScore = float.NegativeInfinity;
            for (var i = 0; i < count; i++)
            {
                var score = CentralityWeight * centrality[i] - (1 - CentralityWeight) * (pick == 0 ? 0 : redundancy[i]);
                if (!picked[i] && score > bestScore)
                {
                    best = i;
                    bestScore = score;
                }
            }

            picked[best] = true;
            order.Add(best);
            for (var i = 0; i < count; i++)
            {
                var similarity = VectorMath.Dot(chunks[i].Vector, chunks[best].Vector);
                redundancy[i] = pick == 0 ? similarity : Math.Max(redundancy[i], similarity);
            }
        }

        order.AddRange(Enumerable.Range(0, count).Where(i => !picked[i]).OrderByDescending(i => centrality[i]).ThenBy(i => i));
        return order.ToArray();
    }
}
