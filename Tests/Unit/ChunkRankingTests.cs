using Microsoft.Extensions.Options;
using Microsoft.ML.Tokenizers;
using OrleansNlp.Llm;
using OrleansNlp.Models;
using OrleansNlp.Tests.Infrastructure;
using OrleansNlp.Text;

namespace OrleansNlp.Tests;

/// <summary>Chunk ranking and prompt building on hand-made vectors (the extractive summariser: <see cref="ExtractiveSummarizerTests"/>).</summary>
[Trait(TestCategory.Trait, TestCategory.Unit)]
public sealed class ChunkRankingTests
{
    private static readonly Tokenizer Cl100k = TiktokenTokenizer.CreateForEncoding("cl100k_base");

    // a and its exact duplicate, b (close to a but different), c (unrelated).
    private static readonly (string Text, float[] Vector)[] Chunks =
    [
        ("Alpha one.", [1, 0, 0]),
        ("Alpha again.", [1, 0, 0]),
        ("Beta two.", [0.6f, 0.8f, 0]),
        ("Gamma three.", [0, 0, 1]),
    ];

    private static EmbeddingOutput Embedding(float[]? instruction = null, params (string Text, float[] Vector)[] chunks)
    {
        chunks = chunks.Length == 0 ? Chunks : chunks;
        var embedded = chunks.Select(c => new EmbeddedChunk(c.Text, VectorMath.Normalize(c.Vector.ToArray()))).ToArray();
        var document = VectorMath.MeanNormalized(embedded.Select(c => c.Vector), 3);
        return new EmbeddingOutput("test", 3, embedded, document, instruction);
    }

    private static LlmRequest Request(EmbeddingOutput embedding, string? instruction = null) => new(instruction, embedding);

    private static PromptBuilder Prompts(int budget) =>
        new(Cl100k, Options.Create(new LlmOptions { PromptTokenBudget = budget }));

    [Fact]
    public void Centrality_SkipsANearDuplicate_OfAChunkAlreadyPicked()
    {
        // By centrality alone the duplicate (1) would come second.
        Assert.Equal([0, 2], ChunkRanker.Rank(Embedding())[..2]);
    }

    [Fact]
    public void Instruction_RanksBySimilarityToIt()
    {
        Assert.Equal(3, ChunkRanker.Rank(Embedding(instruction: [0, 0, 1]))[0]);
    }

    [Fact]
    public void Prompt_WithRoomForAll_QuotesEveryChunkInTextOrder_AfterTheInstruction()
    {
        var prompt = Prompts(budget: 1000).Build(Request(Embedding(instruction: [0, 0, 1]), "Tell me about gamma."));

        Assert.Equal([0, 1, 2, 3], prompt.Chunks);
        Assert.StartsWith("Tell me about gamma.", prompt.User);
        Assert.True(prompt.User.IndexOf("Alpha one.", StringComparison.Ordinal) < prompt.User.IndexOf("Gamma three.", StringComparison.Ordinal));
        Assert.InRange(prompt.Tokens, 1, 1000);
    }

    [Fact]
    public void Prompt_WithATightBudget_KeepsTheBestChunksThatFit_AndStaysWithinTheBudget()
    {
        var chunks = Enumerable.Range(0, 4)
            .Select(i => ($"Chunk {i} " + string.Join(' ', Enumerable.Repeat($"word{i}", 40)) + ".", i == 2 ? new float[] { 0, 0, 1 } : [1, 0.1f * i, 0]))
            .ToArray();
        var builder = Prompts(budget: 0);
        var fixedCost = Prompts(budget: 100_000).Build(Request(Embedding([0, 0, 1], chunks[..0].Append(("x", [1f, 0, 0])).ToArray()), "Find it.")).Tokens;
        var oneChunk = Cl100k.CountTokens(chunks[2].Item1) + 8;

        var prompt = Prompts(budget: fixedCost + oneChunk + 5).Build(Request(Embedding([0, 0, 1], chunks), "Find it."));

        Assert.Equal([2], prompt.Chunks);
        Assert.Contains("Chunk 2", prompt.User);
        Assert.True(prompt.Tokens <= fixedCost + oneChunk + 5, $"{prompt.Tokens} tokens");
        Assert.Empty(builder.Build(Request(Embedding([0, 0, 1], chunks), "Find it.")).Chunks);
    }

    [Fact]
    public void Prompt_WhenEvenTheBestChunkIsTooLong_QuotesAsMuchOfItAsFits()
    {
        var longChunk = string.Join(' ', Enumerable.Range(0, 400).Select(i => $"w{i}"));
        var prompt = Prompts(budget: 150).Build(Request(Embedding([1, 0, 0], (longChunk, [1, 0, 0])), "Shorten it."));

        Assert.Equal([0], prompt.Chunks);
        Assert.Contains("w0 w1", prompt.User);
        Assert.DoesNotContain("w399", prompt.User);
        Assert.InRange(prompt.Tokens, 100, 150);
    }

    [Fact]
    public void Prompt_WithoutAnInstruction_IsTheOneWithTheDefaultInstruction()
    {
        var builder = Prompts(budget: 1000);
        var embedding = Embedding(instruction: null);

        var implicitDefault = builder.Build(Request(embedding, instruction: "  "));
        var explicitDefault = builder.Build(Request(embedding, new LlmOptions().DefaultInstruction));

        Assert.Equal(explicitDefault.User, implicitDefault.User);
        Assert.Equal(explicitDefault.Tokens, implicitDefault.Tokens);
        Assert.StartsWith(new LlmOptions().DefaultInstruction, implicitDefault.User);
    }
}
