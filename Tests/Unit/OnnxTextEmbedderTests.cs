using OrleansNlp.Embedding;
using OrleansNlp.Tests.Infrastructure;
using OrleansNlp.Text;

namespace OrleansNlp.Tests;

[Trait(TestCategory.Trait, TestCategory.Unit)]
public sealed class OnnxTextEmbedderTests(ShippedModelFixture fixture) : IClassFixture<ShippedModelFixture>
{
    [Fact]
    public void ShippedModel_IsLoadedByDefault_WithItsNameAndWidth()
    {
        Assert.Equal(EmbeddingOptions.DefaultModelName, fixture.Model.Name);
        Assert.Equal(100, fixture.Model.Dimensions);
        Assert.Equal(256, fixture.Model.MaxTokens);
    }

    [Theory]
    [InlineData("A cat sat on the mat.", "A kitten rested on the rug.", "The stock market fell sharply today.")]
    [InlineData("He plays guitar in a band.", "She is a musician who plays the guitar.", "The recipe needs two cups of flour.")]
    [InlineData("The weather is sunny and warm.", "It is a bright, hot day.", "Quarterly revenue exceeded expectations.")]
    [InlineData("The doctor prescribed medicine for the patient.", "The physician gave the sick man some pills.", "The football team won the championship.")]
    public async Task Paraphrase_ScoresHigherThanUnrelatedText(string text, string paraphrase, string unrelated)
    {
        await using var batcher = TestModels.Batcher(fixture.Model);
        var embedder = new OnnxTextEmbedder(batcher);

        var vectors = await embedder.EmbedAsync([text, paraphrase, unrelated]);

        Assert.All(vectors, vector => Assert.Equal(1f, VectorMath.Dot(vector, vector), 1e-5f));
        var similar = VectorMath.Dot(vectors[0], vectors[1]);
        var different = VectorMath.Dot(vectors[0], vectors[2]);
        Assert.True(similar > different + 0.2f, $"paraphrase {similar:F3} vs unrelated {different:F3}");
    }

    [Theory]
    [InlineData("The café opened at 9. Prices rose 3.5% today! Did they really?")]
    [InlineData("東京は晴れ。大阪は雨！本当？")]
    [InlineData("Mr. Smith's co-op—it's naïve... Yes. (No.) \"Quoted,\" she said.")]
    [InlineData("UNESCO's 2nd report, e.g. on élan vital; ok. Über-cool: 12:30pm? Sure.")]
    public void AChunkOfInputSentences_IsTokenizedAsIfWhole(string text)
    {
        using var batcher = TestModels.Batcher(fixture.Model);
        var embedder = new OnnxTextEmbedder(batcher);
        var chunk = Assert.Single(embedder.Chunk(text));
        var sentences = SentenceSplitter.Split(chunk);
        Assert.True(sentences.Count > 1);
        Assert.Equal(chunk, SentenceSplitter.Join(sentences));

        var ids = embedder.TokenizeAll([chunk, .. sentences]);

        Assert.Equal(fixture.Model.Tokenize(chunk), ids[0]);
        for (var i = 0; i < sentences.Count; i++)
        {
            Assert.Equal(fixture.Model.Tokenize(sentences[i]), ids[i + 1]);
        }
    }

    [Fact]
    public void ATextOfInputSentencesLongerThanTheModelTakes_IsTokenizedWholeAndTruncated()
    {
        using var batcher = TestModels.Batcher(fixture.Model);
        var embedder = new OnnxTextEmbedder(batcher);
        var sentences = TestCorpus.Sentences(40);
        var text = SentenceSplitter.Join(sentences);
        Assert.Equal(sentences, SentenceSplitter.Split(text));

        var ids = embedder.TokenizeAll([text, .. sentences]);

        Assert.Equal(fixture.Model.MaxTokens, ids[0].Length);
        Assert.Equal(fixture.Model.Tokenize(text), ids[0]);
    }

    [Fact]
    public void BatchedRun_EqualsOneTextAtATime()
    {
        var texts = TestCorpus.Sentences(40);
        var tokenized = texts.Select(fixture.Model.Tokenize).ToArray();

        var batched = fixture.Model.Run(tokenized);

        Assert.True(tokenized.Select(ids => ids.Length).Distinct().Count() > 3, "the batch needs padding");
        for (var i = 0; i < texts.Length; i++)
        {
            AssertClose(fixture.Model.Run([tokenized[i]])[0], batched[i]);
        }
    }

    [Fact]
    public void Chunk_KeepsAShortTextWhole()
    {
        using var batcher = TestModels.Batcher(fixture.Model);
        var embedder = new OnnxTextEmbedder(batcher);

        Assert.Equal(["First sentence. Second one!"], embedder.Chunk("First sentence.\n\n  Second one!"));
        foreach (var text in new[] { "One line. Two sentences? Yes!", " Padded. ", "Tabs\tand  doubles. ok", "Dr. Who. ", "a\n\nb" })
        {
            Assert.Equal([TextChunker.Single(text)], embedder.Chunk(text));
        }

        Assert.Empty(embedder.Chunk(" "));
        Assert.Empty(embedder.Chunk(" \n\t "));
    }

    [Fact]
    public void Chunk_PacksSentencesUpToTheModelsTokenLimit()
    {
        using var model = TestModels.Load(new EmbeddingOptions { MaxTokens = 16 });
        using var batcher = TestModels.Batcher(model);
        var embedder = new OnnxTextEmbedder(batcher);
        var sentences = TestCorpus.Sentences(12);
        var text = string.Join(" ", sentences) + " " + string.Join(" ", Enumerable.Repeat("word", 40)) + ".";

        var chunks = embedder.Chunk(text);

        Assert.Equal(14, model.MaxTextTokens);
        Assert.All(chunks, chunk => Assert.InRange(model.CountTokens(chunk), 1, 14));
        Assert.Equal(text.Split(' '), string.Join(' ', chunks).Split(' '));
        // Sentences that fit are never cut.
        Assert.All(sentences.Where(s => model.CountTokens(s) <= 14), s => Assert.Contains(chunks, chunk => chunk.Contains(s)));
        Assert.True(chunks.Count > 6, $"{chunks.Count} chunks");
    }

    private static void AssertClose(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], actual[i], 1e-5f);
        }
    }
}
