using OrleansNlp.Text;

namespace OrleansNlp.Llm;

/// <summary>
/// Orders pieces of a text (chunks or sentences, given as unit vectors) by how well they serve the job: by cosine
/// similarity to the instruction vector when the job has an instruction; otherwise by centrality (similarity to the
/// document vector) with a maximal-marginal-relevance penalty, so that a piece repeating one already picked drops
/// behind a piece that adds something.
/// </summary>
public static class VectorRanker
{
    /// <summary>MMR's λ: weight of centrality against novelty.</summary>
    public const float CentralityWeight = 0.7f;

    /// <summary>MMR costs a pass over all pieces per pick; past this many picks the rest follow by centrality alone.</summary>
    public const int MaxDiversifiedPicks = 64;

    /// <summary>Indices of <paramref name="vectors"/>, best first; ties go to the earlier piece. Vectors are unit
    /// length, so a dot product is the cosine.</summary>
    public static int[] Rank(IReadOnlyList<float[]> vectors, float[] document, float[]? instruction) =>
        instruction is not null ? BySimilarity(vectors, instruction) : ByCentrality(vectors, document);

    private static int[] BySimilarity(IReadOnlyList<float[]> vectors, float[] target)
    {
        var scores = vectors.Select(vector => VectorMath.Dot(vector, target)).ToArray();
        return Enumerable.Range(0, vectors.Count).OrderByDescending(i => scores[i]).ThenBy(i => i).ToArray();
    }

    private static int[] ByCentrality(IReadOnlyList<float[]> vectors, float[] document)
    {
        var count = vectors.Count;
        var centrality = vectors.Select(vector => VectorMath.Dot(vector, document)).ToArray();
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
                var similarity = VectorMath.Dot(vectors[i], vectors[best]);
                redundancy[i] = pick == 0 ? similarity : Math.Max(redundancy[i], similarity);
            }
        }

        order.AddRange(Enumerable.Range(0, count).Where(i => !picked[i]).OrderByDescending(i => centrality[i]).ThenBy(i => i));
        return order.ToArray();
    }
}
