using OrleansNlp.Embedding;
using OrleansNlp.Tests.Infrastructure;

namespace OrleansNlp.Tests;

/// <summary>The mean-pooling path on a BERT-shaped export (tools/tiny-bert/make_tiny_bert.py): token_type_ids input,
/// last_hidden_state output. Its weights follow closed formulas, repeated here to compute the expected vectors by hand.</summary>
[Trait(TestCategory.Trait, TestCategory.Unit)]
public sealed class TinyBertEmbeddingTests : IDisposable
{
    private const int Hidden = 4;

    private readonly OnnxEmbeddingModel model = TestModels.Load(new EmbeddingOptions { ModelPath = TestModels.TinyBertPath });

    [Fact]
    public void Model_TakesItsLimitsAndNameFromTheExport()
    {
        Assert.Equal("tiny-bert-test", model.Name);
        Assert.Equal(Hidden, model.Dimensions);
        Assert.Equal(16, model.MaxTokens);
        // A configured model leaves the intra-op threads to ONNX Runtime; only the shipped one defaults to one.
        Assert.Equal(0, model.IntraOpThreads);
    }

    [Fact]
    public void Tokenize_UsesWordPiece_WithClsAndSep()
    {
        Assert.Equal([2, 5, 6, 11, 12, 20, 3], model.Tokenize("The cat PLAYING."));
        Assert.Equal([2, 7, 14, 15, 1, 3], model.Tokenize("dogs run fast"));
        Assert.Equal(16, model.Tokenize(string.Join(' ', Enumerable.Repeat("cat", 40))).Length);
    }

    [Fact]
    public async Task Embed_IsTheMaskedMeanOfLastHiddenState_Normalized()
    {
        int[] ids = [2, 5, 6, 11, 12, 20, 3];
        await using var batcher = TestModels.Batcher(model);

        var vector = (await new OnnxTextEmbedder(batcher).EmbedAsync(["The cat playing."]))[0];

        AssertClose(MeanPooled(ids, padTo: ids.Length), vector);
        // The same numbers as printed by make_tiny_bert.py.
        AssertClose([0.449501f, -0.459053f, 0.510654f, 0.571359f], vector);
    }

    [Fact]
    public void PaddedBatch_PoolsOnlyTheRealTokens()
    {
        int[][] batch = [[2, 5, 6, 11, 12, 20, 3], [2, 16, 17, 22, 3], [2, 18, 3]];

        var vectors = model.Run(batch);

        for (var i = 0; i < batch.Length; i++)
        {
            AssertClose(MeanPooled(batch[i], padTo: batch[i].Length), vectors[i]);
        }

        // The padding positions have non-zero states, so pooling them in would show.
        var unmasked = MeanPooled(batch[2], padTo: batch[0].Length);
        Assert.True(Math.Abs(unmasked[0] - vectors[2][0]) > 1e-3 || Math.Abs(unmasked[1] - vectors[2][1]) > 1e-3);
    }

    [Fact]
    public void ARunAfterAFullerBatch_PadsAndMasksAgain()
    {
        // Both batches fit the same pooled arrays (16 ids), and the fuller one leaves real tokens and a full mask where
        // the padded one needs padding and zeros; so does any array the pool hands out here, dirtied first.
        int[][] padded = [[2, 5, 6, 11, 12, 20, 3], [2, 18, 3]];
        var before = model.Run(padded);

        model.Run([[2, 5, 6, 11, 12, 20, 7, 3], [2, 16, 17, 22, 14, 15, 18, 3]]);
        var dirty = Enumerable.Range(0, 3).Select(_ => System.Buffers.ArrayPool<long>.Shared.Rent(16)).ToList();
        dirty.ForEach(array => Array.Fill(array, 7L));
        dirty.ForEach(array => System.Buffers.ArrayPool<long>.Shared.Return(array));
        var after = model.Run(padded);

        for (var i = 0; i < padded.Length; i++)
        {
            AssertClose(MeanPooled(padded[i], padTo: padded[i].Length), after[i]);
            AssertClose(before[i], after[i]);
        }
    }

    public void Dispose() => model.Dispose();

    /// <summary>The model's formulas: E = W[id] + P[position] + T[0], H = tanh(E + mean of the real E / 2); then the
    /// mean of H over the first <paramref name="padTo"/> positions (padding has id 0), L2-normalised.</summary>
    private static float[] MeanPooled(int[] ids, int padTo)
    {
        var padded = ids.Concat(Enumerable.Repeat(0, padTo - ids.Length)).ToArray();
        var embeddings = padded.Select((id, position) =>
            Enumerable.Range(0, Hidden).Select(j => Word(id, j) + Position(position, j) + TokenType(0, j)).ToArray()).ToArray();
        var context = Enumerable.Range(0, Hidden).Select(j => embeddings.Take(ids.Length).Average(e => e[j])).ToArray();
        var pooled = Enumerable.Range(0, Hidden)
            .Select(j => embeddings.Average(e => Math.Tanh(e[j] + context[j] / 2)))
            .ToArray();
        var norm = Math.Sqrt(pooled.Sum(x => x * x));
        return pooled.Select(x => (float)(x / norm)).ToArray();
    }

    private static double Word(int id, int j) => ((7 * id + 3 * j) % 11 - 5) / 10.0;

    private static double Position(int position, int j) => ((5 * position + 2 * j) % 7 - 3) / 20.0;

    private static double TokenType(int type, int j) => (type + 1) * (j + 1) / 50.0;

    private static void AssertClose(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], actual[i], 1e-5f);
        }
    }
}
