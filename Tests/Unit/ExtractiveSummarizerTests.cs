using Microsoft.Extensions.Options;
using OrleansNlp.Embedding;
using OrleansNlp.Llm;
using OrleansNlp.Models;
using OrleansNlp.Tests.Infrastructure;
using OrleansNlp.Text;

namespace OrleansNlp.Tests;

/// <summary>The built-in summariser's sentence selection, on hand-made vectors and on the shipped GloVe model.</summary>
[Trait(TestCategory.Trait, TestCategory.Unit)]
public sealed class ExtractiveSummarizerTests(ShippedModelFixture fixture) : IClassFixture<ShippedModelFixture>
{
    private static ExtractiveSummarizer Summarizer(ITextEmbedder embedder, int maxSentences = 3) =>
        new(embedder, Options.Create(new LlmOptions { ExtractiveSentences = maxSentences }));

    /// <summary>What the embedding stage hands over: the chunks with their vectors (here the mean of their sentences'),
    /// the document vector (the chunks' mean) and the instruction vector.</summary>
    private static LlmRequest Request(TableEmbedder embedder, IEnumerable<string[]> chunks, float[]? instruction = null)
    {
        var embedded = chunks
            .Select(sentences => new EmbeddedChunk(SentenceSplitter.Join(sentences), VectorMath.MeanNormalized(sentences.Select(embedder.Vector), embedder.Dimensions)))
            .ToArray();
        var document = VectorMath.MeanNormalized(embedded.Select(chunk => chunk.Vector), embedder.Dimensions);
        var target = instruction is null ? null : VectorMath.Normalize(instruction.ToArray());
        return new LlmRequest(instruction is null ? null : "instruction", new EmbeddingOutput(embedder.Model, embedder.Dimensions, embedded, document, target));
    }

    private static string[] Numbered(int count) => Enumerable.Range(0, count).Select(i => $"Sentence number {i}.").ToArray();

    [Theory]
    [InlineData(1, 3, 1)]
    [InlineData(2, 3, 1)]
    [InlineData(4, 3, 1)]
    [InlineData(7, 3, 1)]
    [InlineData(8, 3, 2)]
    [InlineData(10, 3, 2)]
    [InlineData(13, 3, 3)]
    [InlineData(500, 3, 3)]
    [InlineData(50, 20, 10)]
    [InlineData(50, 1, 1)]
    public void SummaryLength_IsAFifthOfTheSentences_AtLeastOne_AtMostTheLimit(int sentences, int limit, int expected) =>
        Assert.Equal(expected, ExtractiveSummarizer.SummaryLength(sentences, limit));

    [Fact]
    public async Task OneSentenceText_ReturnsThatSentence_WithoutEmbeddingIt()
    {
        var embedder = new TableEmbedder(("Alpha", [1, 0, 0]));
        var request = Request(embedder, [["Alpha is the only sentence here."]]);

        var output = await Summarizer(embedder).GenerateAsync(request, CancellationToken.None);

        Assert.Equal("Alpha is the only sentence here.", output.Output);
        Assert.Equal(("extractive", "ranked-sentences"), (output.Provider, output.Model));
        Assert.Null(output.PromptTokens);
        Assert.Empty(embedder.Calls);
    }

    [Fact]
    public async Task Instruction_PicksTheSentenceMostSimilarToIt_EmbeddingAllSentencesInOneCall()
    {
        var embedder = new TableEmbedder(("Alpha", [1, 0, 0]), ("Beta", [0.6f, 0.8f, 0]), ("Gamma", [0, 0, 1]), ("Delta", [0.7f, 0, 0.7f]));
        var request = Request(embedder, [["Alpha leads.", "Beta follows."], ["Gamma is odd.", "Delta mixes."]], instruction: [0, 0.1f, 1]);

        var output = await Summarizer(embedder).GenerateAsync(request, CancellationToken.None);

        Assert.Equal("Gamma is odd.", output.Output);
        var call = Assert.Single(embedder.Calls);
        Assert.Equal(["Alpha leads.", "Beta follows.", "Gamma is odd.", "Delta mixes."], call);
    }

    [Fact]
    public async Task SentenceVectorsFromTheEmbeddingStage_AreRanked_WithoutEmbeddingAgain()
    {
        var embedder = new TableEmbedder(("Alpha", [1, 0, 0]), ("Beta", [0.6f, 0.8f, 0]), ("Gamma", [0, 0, 1]), ("Delta", [0.7f, 0, 0.7f]));
        string[] sentences = ["Alpha leads.", "Beta follows.", "Gamma is odd.", "Delta mixes."];
        var request = Request(embedder, [sentences[..2], sentences[2..]], instruction: [0, 0.1f, 1]);
        var embedded = request with { Embedding = request.Embedding with { SentenceVectors = sentences.Select(embedder.Vector).ToArray() } };

        var fromStage = await Summarizer(embedder).GenerateAsync(embedded, CancellationToken.None);

        Assert.Empty(embedder.Calls);
        Assert.Equal((await Summarizer(embedder).GenerateAsync(request, CancellationToken.None)).Output, fromStage.Output);
        Assert.Equal("Gamma is odd.", fromStage.Output);
    }

    [Fact]
    public async Task SentenceVectorsThatDoNotMatchTheSentences_AreIgnored_AndTheSentencesEmbedded()
    {
        var embedder = new TableEmbedder(("Alpha", [1, 0, 0]), ("Gamma", [0, 0, 1]));
        var request = Request(embedder, [["Alpha leads.", "Gamma is odd."]], instruction: [0, 0, 1]);
        var stale = request with { Embedding = request.Embedding with { SentenceVectors = [embedder.Vector("Alpha leads.")] } };

        var output = await Summarizer(embedder).GenerateAsync(stale, CancellationToken.None);

        Assert.Equal("Gamma is odd.", output.Output);
        Assert.Single(embedder.Calls);
    }

    [Fact]
    public async Task PickedSentences_ComeInTextOrder_NotInRankOrder()
    {
        var table = Enumerable.Range(0, 15).Select(i => ($"number {i}.", i switch
        {
            12 => new float[] { 0.1f, 1, 0 },
            3 => [0.5f, 1, 0],
            7 => [1, 1, 0],
            _ => [1, 0, 0],
        })).ToArray();
        var embedder = new TableEmbedder(table);

        var output = await Summarizer(embedder).GenerateAsync(Request(embedder, [Numbered(15)], instruction: [0, 1, 0]), CancellationToken.None);

        Assert.Equal("Sentence number 3. Sentence number 7. Sentence number 12.", output.Output);
    }

    [Fact]
    public async Task WithoutInstruction_PicksCentralSentences_SkippingANearDuplicateOfOneAlreadyPicked()
    {
        // Ten sentences give two picks: by centrality alone they would be both Alphas; the filler sentences have no vector.
        var embedder = new TableEmbedder(("Alpha", [1, 0, 0]), ("Beta", [0.5f, 0.866f, 0]));
        var sentences = Numbered(10);
        sentences[0] = "Alpha one.";
        sentences[1] = "Alpha again.";
        sentences[5] = "Beta five.";

        var output = await Summarizer(embedder).GenerateAsync(Request(embedder, [sentences]), CancellationToken.None);

        Assert.Equal("Alpha one. Beta five.", output.Output);
    }

    [Theory]
    [InlineData(3, 3)]
    [InlineData(10, 6)]
    public async Task ALongText_GivesAFifthOfItsSentences_UpToExtractiveSentences(int limit, int expected)
    {
        var embedder = new TableEmbedder(("number", [1, 0, 0]));

        var output = await Summarizer(embedder, limit).GenerateAsync(Request(embedder, [Numbered(30)]), CancellationToken.None);

        Assert.Equal(expected, SentenceSplitter.Split(output.Output).Count);
        Assert.All(SentenceSplitter.Split(output.Output), sentence => Assert.Contains(sentence, Numbered(30)));
    }

    [Fact]
    public async Task AVeryLongText_RanksOnlyTheSentencesOfItsBestChunks_UpToTheCap()
    {
        // 30 chunks of 10 sentences: the instruction points at the last chunk, the others tie and go in text order.
        var embedder = new TableEmbedder(("Gamma", [0, 0, 1]), ("Chunk", [1, 0, 0]));
        var chunks = Enumerable.Range(0, 30)
            .Select(c => Enumerable.Range(0, 10).Select(s => c == 29 ? $"Gamma {s} ends it." : $"Chunk {c} sentence {s}.").ToArray())
            .ToArray();
        var request = Request(embedder, chunks, instruction: [0, 0, 1]);

        var output = await Summarizer(embedder).GenerateAsync(request, CancellationToken.None);

        var ranked = Assert.Single(embedder.Calls);
        Assert.Equal(ExtractiveSummarizer.MaxRankedSentences, ranked.Count);
        Assert.Equal(chunks[29], ranked.TakeLast(10));
        Assert.DoesNotContain(ranked, sentence => sentence.StartsWith("Chunk 25 ", StringComparison.Ordinal));
        Assert.Equal("Gamma 0 ends it. Gamma 1 ends it. Gamma 2 ends it.", output.Output);
    }

    [Fact]
    public async Task ACancelledStage_StopsBeforeEmbedding()
    {
        var embedder = new TableEmbedder(("number", [1, 0, 0]));
        var request = Request(embedder, [Numbered(5)]);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Summarizer(embedder).GenerateAsync(request, new CancellationToken(canceled: true)));
        Assert.Empty(embedder.Calls);
    }

    [Fact]
    public async Task ChineseSentences_AreJoinedWithoutASpace()
    {
        var embedder = new TableEmbedder(("猫", [1, 0, 0]), ("狗", [0, 1, 0]));
        var chunk = Enumerable.Range(0, 10).Select(i => i is 2 or 6 ? $"猫{i}很可爱。" : $"狗{i}在跑！").ToArray();

        var output = await Summarizer(embedder).GenerateAsync(Request(embedder, [chunk], instruction: [1, 0, 0]), CancellationToken.None);

        Assert.Equal("猫2很可爱。猫6很可爱。", output.Output);
    }

    [Fact]
    public async Task ShippedModel_FourSentencesToSummarizeInOne_GiveExactlyOneOfThem()
    {
        await using var batcher = TestModels.Batcher(fixture.Model);
        var embedder = new OnnxTextEmbedder(batcher);
        string[] sentences =
        [
            "Lighthouses guide ships along rocky coasts at night.",
            "Their bright lamps warn sailors of dangerous reefs.",
            "Many old lighthouses are now museums open to visitors.",
            "Automatic lamps replaced most lighthouse keepers decades ago.",
        ];
        var vectors = await embedder.EmbedAsync([string.Join(' ', sentences), "Summarize in one sentence."]);
        var request = new LlmRequest("Summarize in one sentence.",
            new EmbeddingOutput(embedder.Model, 100, [new EmbeddedChunk(string.Join(' ', sentences), vectors[0])], vectors[0], vectors[1]));

        var output = await Summarizer(embedder).GenerateAsync(request, CancellationToken.None);

        Assert.Contains(output.Output, sentences);
    }

    [Fact]
    public async Task ShippedModel_AQuestion_PicksTheSentenceThatAnswersIt()
    {
        await using var batcher = TestModels.Batcher(fixture.Model);
        var embedder = new OnnxTextEmbedder(batcher);
        var text = "The recipe needs two cups of flour and an egg. Our football team won the championship on Sunday. "
            + "Lighthouses guide ships along rocky coasts at night. The stock market fell sharply today.";
        var question = "What do lighthouses do for ships?";
        var vectors = await embedder.EmbedAsync([text, question]);
        var request = new LlmRequest(question, new EmbeddingOutput(embedder.Model, 100, [new EmbeddedChunk(text, vectors[0])], vectors[0], vectors[1]));

        var output = await Summarizer(embedder).GenerateAsync(request, CancellationToken.None);

        Assert.Equal("Lighthouses guide ships along rocky coasts at night.", output.Output);
    }
}
