using Orleans.TestingHost;
using OrleansNlp.Embedding;
using OrleansNlp.Models;
using OrleansNlp.Tests.Infrastructure;
using OrleansNlp.Text;

namespace OrleansNlp.Tests;

[Trait(TestCategory.Trait, TestCategory.Cluster)]
[Collection(ClusterCollection.Name)]
public sealed class EmbeddingGrainTests(ClusterFixture fixture)
{
    [Fact]
    public async Task LongText_IsEmbeddedAsTokenChunks_WithDocumentAndInstructionVectors()
    {
        var sentences = TestCorpus.Sentences(80);
        var text = string.Join(" ", sentences);

        var output = await fixture.Client.GetGrain<IEmbeddingGrain>(0).EmbedAsync(new EmbeddingRequest(text, "What did the musician play?"));

        Assert.Equal(EmbeddingOptions.DefaultModelName, output.Model);
        Assert.Equal(100, output.Dimensions);
        Assert.InRange(output.Chunks.Count, 3, 8);
        Assert.Equal(text, string.Join(' ', output.Chunks.Select(chunk => chunk.Text)));
        Assert.All(output.Chunks, chunk => Assert.Equal(1f, VectorMath.Dot(chunk.Vector, chunk.Vector), 1e-5f));
        var mean = VectorMath.MeanNormalized(output.Chunks.Select(chunk => chunk.Vector), output.Dimensions);
        Assert.Equal(1f, VectorMath.Dot(mean, output.DocumentVector), 1e-5f);
        Assert.Equal(1f, VectorMath.Dot(output.InstructionVector!, output.InstructionVector!), 1e-5f);
    }

    [Fact]
    public async Task ConcurrentRequests_ShareInferenceRunsOnTheSilo()
    {
        var batchers = fixture.Cluster.Silos.OfType<InProcessSiloHandle>()
            .Select(silo => (EmbeddingBatcher)silo.ServiceProvider.GetService(typeof(EmbeddingBatcher))!)
            .ToArray();
        var before = batchers.Select(b => b.Statistics).ToArray();
        // The requests wait at a gate in front of the batcher until all 64 are in, so they reach it together even on a
        // busy host, where one at a time they would each find the batcher idle and run alone.
        var gate = Random.Shared.Next(1_000_000, int.MaxValue);
        var token = Guid.NewGuid().ToString("N");
        var requests = TestCorpus.Sentences(64).Select(text =>
            fixture.Client.GetGrain<IEmbeddingGrain>(0).EmbedAsync(new EmbeddingRequest($"{text} {token} [embed:gate:{gate}]", null))).ToArray();
        await Wait.UntilAsync(() => Task.FromResult(FaultInjection.CallsFor("embed", token)), calls => calls >= 64,
            TimeSpan.FromSeconds(30), "64 requests at the gate");
        FaultInjection.OpenGate(gate);
        await Task.WhenAll(requests);

        var texts = batchers.Select((b, i) => b.Statistics.Texts - before[i].Texts).Sum();
        var batches = batchers.Select((b, i) => b.Statistics.Batches - before[i].Batches).Sum();
        Assert.True(texts >= 64, $"{texts} texts");
        Assert.True(batches <= texts / 2, $"{batches} batches for {texts} texts");
    }

    [Fact]
    public async Task WithSentences_TheSentencesAreEmbeddedInTheSameCall_AsEachWouldBeAlone()
    {
        string[] sentences =
        [
            "Lighthouses guide ships along rocky coasts at night.",
            "Their bright lamps warn sailors of dangerous reefs.",
            "Many old lighthouses are now museums open to visitors.",
        ];
        var grain = fixture.Client.GetGrain<IEmbeddingGrain>(0);

        var output = await grain.EmbedAsync(new EmbeddingRequest(string.Join(' ', sentences), "Why?", WithSentences: true));
        var alone = await Task.WhenAll(sentences.Select(sentence => grain.EmbedAsync(new EmbeddingRequest(sentence, null))));

        Assert.Equal(sentences.Length, output.SentenceVectors!.Count);
        for (var i = 0; i < sentences.Length; i++)
        {
            Assert.Equal(1f, VectorMath.Dot(output.SentenceVectors[i], alone[i].DocumentVector), 1e-5f);
        }

        Assert.NotNull(output.InstructionVector);
        Assert.Null((await grain.EmbedAsync(new EmbeddingRequest(string.Join(' ', sentences), null))).SentenceVectors);
        Assert.Null((await grain.EmbedAsync(new EmbeddingRequest(sentences[0], null, WithSentences: true))).SentenceVectors);
    }
}
