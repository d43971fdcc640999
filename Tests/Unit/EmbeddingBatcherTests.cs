using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using OrleansNlp.Embedding;
using OrleansNlp.Tests.Infrastructure;

namespace OrleansNlp.Tests;

[Trait(TestCategory.Trait, TestCategory.Unit)]
public sealed class EmbeddingBatcherTests(ShippedModelFixture fixture) : IClassFixture<ShippedModelFixture>
{
    [Fact]
    public void ShippedModel_RunsOnOneIntraOpThreadByDefault()
    {
        Assert.Equal(1, fixture.Model.IntraOpThreads);
        using var explicitDefault = TestModels.Load(new EmbeddingOptions { IntraOpThreads = 0 });
        Assert.Equal(0, explicitDefault.IntraOpThreads);
    }

    [Fact]
    public async Task ConcurrentRequests_AreCoalescedIntoBatches_AndPublishedAsAMetric()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meters = services.GetRequiredService<IMeterFactory>();
        var published = new ConcurrentQueue<int>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, meters) && instrument.Name == EmbeddingBatcher.BatchSizeInstrument)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<int>((_, size, _, _) => published.Enqueue(size));
        listener.Start();
        await using var batcher = TestModels.Batcher(fixture.Model, meters: meters);
        var embedder = new OnnxTextEmbedder(batcher);
        var texts = TestCorpus.Sentences(64);

        var vectors = await Task.WhenAll(texts.Select(text => Task.Run(() => embedder.EmbedAsync([text]).AsTask())));

        var statistics = batcher.Statistics;
        Assert.Equal(64, statistics.Texts);
        Assert.True(statistics.LargestBatch > 1, $"largest batch {statistics.LargestBatch}");
        Assert.True(statistics.Batches <= 16, $"{statistics.Batches} batches for 64 texts");
        Assert.Equal(64, published.Sum());
        Assert.Equal(statistics.LargestBatch, published.Max());
        Assert.All(vectors, v => Assert.Equal(100, v[0].Length));
    }

    [Fact]
    public async Task LoneCaller_AlternatingManyTextsAndOne_IsNotHeldForTheQueueDelay()
    {
        // A job embeds its text, then its summary embeds the text's sentences together: one caller either way.
        await using var batcher = TestModels.Batcher(fixture.Model, new EmbeddingOptions { MaxQueueDelayMicroseconds = 500_000 });
        var embedder = new OnnxTextEmbedder(batcher);
        var sentences = TestCorpus.Sentences(5);
        await embedder.EmbedAsync(sentences);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < 5; i++)
        {
            await embedder.EmbedAsync([sentences[i]]);
            await embedder.EmbedAsync(sentences);
        }

        // Held, the five single texts would wait 500 ms each.
        Assert.True(clock.Elapsed < TimeSpan.FromMilliseconds(1_500), $"5 rounds of one text and five took {clock.Elapsed.TotalMilliseconds:F0} ms");
        Assert.Equal(11, batcher.Statistics.Batches);
    }

    [Fact]
    public async Task MeasuredEmbedding_CountsItsShareOfTheInference_NotItsTimeInTheQueue()
    {
        await using var batcher = TestModels.Batcher(fixture.Model);
        var embedder = new OnnxTextEmbedder(batcher);
        var texts = TestCorpus.Sentences(64);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var measured = await Task.WhenAll(texts.Select(text => embedder.EmbedMeasuredAsync([text, text + " Again."]).AsTask()));
        var wall = clock.Elapsed;

        Assert.True(batcher.Statistics.LargestBatch > 1);
        Assert.All(measured, texts => Assert.Equal(2, texts.Vectors.Length));
        Assert.All(measured, texts => Assert.True(texts.WorkTime > TimeSpan.Zero));
        // Shares of the same inference runs: together they fit in the wall time that every caller waited through.
        var total = TimeSpan.FromTicks(measured.Sum(texts => texts.WorkTime.Ticks));
        Assert.True(total <= wall, $"work {total.TotalMilliseconds:F1} ms in {wall.TotalMilliseconds:F1} ms of wall time");
    }

    [Fact]
    public async Task BatchedThroughTheQueue_EqualsOneTextAtATime()
    {
        await using var batcher = TestModels.Batcher(fixture.Model);
        var embedder = new OnnxTextEmbedder(batcher);
        var texts = TestCorpus.Sentences(48);

        var concurrent = await Task.WhenAll(texts.Select(text => embedder.EmbedAsync([text]).AsTask()));

        Assert.True(batcher.Statistics.LargestBatch > 1);
        for (var i = 0; i < texts.Length; i++)
        {
            var single = fixture.Model.Run([fixture.Model.Tokenize(texts[i])])[0];
            for (var j = 0; j < single.Length; j++)
            {
                Assert.Equal(single[j], concurrent[i][0][j], 1e-5f);
            }
        }
    }

    [Fact]
    public async Task Batches_RespectMaxBatchSize()
    {
        await using var batcher = TestModels.Batcher(fixture.Model, new EmbeddingOptions { MaxBatchSize = 8 });
        var embedder = new OnnxTextEmbedder(batcher);

        await Task.WhenAll(TestCorpus.Sentences(100).Select(text => embedder.EmbedAsync([text]).AsTask()));

        Assert.Equal(100, batcher.Statistics.Texts);
        Assert.InRange(batcher.Statistics.LargestBatch, 2, 8);
    }

    [Fact]
    public async Task Batches_RespectMaxBatchTokens_PaddingIncluded()
    {
        await using var batcher = TestModels.Batcher(fixture.Model, new EmbeddingOptions { MaxBatchTokens = 64 });
        var embedder = new OnnxTextEmbedder(batcher);
        var texts = TestCorpus.Sentences(60);
        var shortest = texts.Min(text => fixture.Model.Tokenize(text).Length);

        await Task.WhenAll(texts.Select(text => embedder.EmbedAsync([text]).AsTask()));

        Assert.Equal(60, batcher.Statistics.Texts);
        Assert.InRange(batcher.Statistics.LargestBatch, 2, 64 / shortest);
    }

    [Fact]
    public async Task LoneCaller_IsNotHeldForTheQueueDelay()
    {
        await using var batcher = TestModels.Batcher(fixture.Model, new EmbeddingOptions { MaxQueueDelayMicroseconds = 500_000 });
        var ids = fixture.Model.Tokenize("One caller, one text at a time.");
        await batcher.EmbedAsync(ids);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < 10; i++)
        {
            await batcher.EmbedAsync(ids);
        }

        Assert.True(clock.Elapsed < TimeSpan.FromMilliseconds(400), $"10 sequential texts took {clock.Elapsed.TotalMilliseconds:F0} ms");
        Assert.Equal(11, batcher.Statistics.Batches);
    }

    [Fact]
    public async Task CancelledWhileQueued_CompletesAsCancelled_AndNeverRuns()
    {
        // A long queue delay keeps the first text waiting for company, so it is still queued when cancelled.
        await using var batcher = TestModels.Batcher(fixture.Model, new EmbeddingOptions { MaxQueueDelayMicroseconds = 300_000 });
        using var cancel = new CancellationTokenSource();
        var queued = batcher.EmbedAsync(fixture.Model.Tokenize("Nobody waits for this one."), cancel.Token);

        cancel.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queued);
        var kept = await batcher.EmbedAsync(fixture.Model.Tokenize("This one is still wanted."));
        Assert.Equal(100, kept.Length);
        Assert.Equal(1, batcher.Statistics.Texts);
    }
}
