using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace OrleansNlp.Embedding;

/// <summary>
/// Dynamic batching for one silo: concurrent callers enqueue tokenized texts; one loop off the Orleans scheduler
/// gathers what is queued (waiting at most <see cref="EmbeddingOptions.MaxQueueDelayMicroseconds"/> for company),
/// sorts it by length and runs it through <see cref="OnnxEmbeddingModel.Run"/> in batches bounded by
/// <see cref="EmbeddingOptions.MaxBatchSize"/> and <see cref="EmbeddingOptions.MaxBatchTokens"/> (padding included).
/// Batch sizes are published as the histogram <c>embedding.batch.size</c> of meter <see cref="MeterName"/>.
/// </summary>
public sealed class EmbeddingBatcher : IDisposable, IAsyncDisposable
{
    public const string MeterName = "OrleansNlp.Embedding";
    public const string BatchSizeInstrument = "embedding.batch.size";

    // Gathering a few batches' worth at once lets texts of similar length share a batch and pad less.
    private const int WindowBatches = 4;

    private readonly OnnxEmbeddingModel model;
    private readonly int maxBatchSize;
    private readonly int maxBatchTokens;
    private readonly TimeSpan maxQueueDelay;
    private readonly Channel<QueuedEmbedding> queue =
        Channel.CreateUnbounded<QueuedEmbedding>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource stopping = new();
    private readonly Meter? ownMeter;
    private readonly Histogram<int> batchSizes;
    private readonly Task loop;
    private long batches;
    private long texts;
    private int largestBatch;
    private int lastWindowCallers = int.MaxValue;

    public EmbeddingBatcher(OnnxEmbeddingModel model, IOptions<EmbeddingOptions> options, IMeterFactory? meterFactory = null)
    {
        var settings = options.Value;
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.MaxBatchSize, 1, $"{EmbeddingOptions.SectionName}:{nameof(settings.MaxBatchSize)}");
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.MaxBatchTokens, 1, $"{EmbeddingOptions.SectionName}:{nameof(settings.MaxBatchTokens)}");
        ArgumentOutOfRangeException.ThrowIfNegative(settings.MaxQueueDelayMicroseconds, $"{EmbeddingOptions.SectionName}:{nameof(settings.MaxQueueDelayMicroseconds)}");
        this.model = model;
        maxBatchSize = settings.MaxBatchSize;
        maxBatchTokens = settings.MaxBatchTokens;
        maxQueueDelay = TimeSpan.FromMicroseconds(settings.MaxQueueDelayMicroseconds);

        var meter = meterFactory?.Create(MeterName) ?? (ownMeter = new Meter(MeterName));
        batchSizes = meter.CreateHistogram(BatchSizeInstrument, "{text}", "Texts per batched inference run", tags: null,
            new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512] });

        // Task.Run: the loop and the blocking inference runs stay on the thread pool, never on a grain's scheduler.
        loop = Task.Run(RunAsync);
    }

    public OnnxEmbeddingModel Model => model;

    public EmbeddingBatchStatistics Statistics =>
        new(Interlocked.Read(ref batches), Interlocked.Read(ref texts), Volatile.Read(ref largestBatch));

    /// <summary>Queues one tokenized text (from <see cref="OnnxEmbeddingModel.Tokenize"/>) and completes with its vector.</summary>
    public Task<float[]> EmbedAsync(int[] tokenIds, CancellationToken cancellationToken = default) =>
        Enqueue(tokenIds, endsCall: true, cancellationToken).Task;

    /// <summary>Queues one tokenized text (<paramref name="endsCall"/>: the last of its caller's request); the item
    /// tells, once its task completed, its share of the inference time.</summary>
    internal QueuedEmbedding Enqueue(int[] tokenIds, bool endsCall, CancellationToken cancellationToken = default)
    {
        var item = new QueuedEmbedding(tokenIds, endsCall, cancellationToken);
        if (!queue.Writer.TryWrite(item))
        {
            item.Fail(new ObjectDisposedException(nameof(EmbeddingBatcher)));
        }

        return item;
    }

    public void Dispose()
    {
        Stop();
        loop.Wait(TimeSpan.FromSeconds(5));
        ownMeter?.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        Stop();
        await loop.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        ownMeter?.Dispose();
    }

    private void Stop()
    {
        queue.Writer.TryComplete();
        stopping.Cancel();
    }

    private async Task RunAsync()
    {
        var reader = queue.Reader;
        var window = new List<QueuedEmbedding>(maxBatchSize * WindowBatches);
        try
        {
            while (await reader.WaitToReadAsync(stopping.Token).ConfigureAwait(false))
            {
                await GatherAsync(reader, window).ConfigureAwait(false);
                RunWindow(window);
                window.Clear();
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }

        var stopped = new ObjectDisposedException(nameof(EmbeddingBatcher));
        foreach (var item in window)
        {
            item.Fail(stopped);
        }

        while (reader.TryRead(out var item))
        {
            item.Fail(stopped);
        }
    }

    /// <summary>Takes what is queued; while fewer callers are there than the last window held (at most a full batch),
    /// waits for more, but never longer than the queue delay. Callers that wait for their answers before sending
    /// again come back together, so the last window's callers are how many to expect: a lone caller is served at once
    /// (also when its previous request held several texts), and 256 callers fill whole batches.</summary>
    private async ValueTask GatherAsync(ChannelReader<QueuedEmbedding> reader, List<QueuedEmbedding> window)
    {
        var expected = Math.Clamp(lastWindowCallers, 1, maxBatchSize);
        var deadline = Stopwatch.GetTimestamp() + (long)(maxQueueDelay.TotalSeconds * Stopwatch.Frequency);
        var tokens = 0;
        var callers = 0;
        while (true)
        {
            while (window.Count < maxBatchSize * WindowBatches && reader.TryRead(out var item))
            {
                if (!item.IsAbandoned)
                {
                    window.Add(item);
                    tokens += item.TokenIds.Length;
                    callers += item.EndsCall ? 1 : 0;
                }
            }

            var remaining = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), deadline);
            if (window.Count == 0 || callers >= expected || window.Count >= maxBatchSize || tokens >= maxBatchTokens || remaining <= TimeSpan.Zero
                || !await WaitForMoreAsync(reader, remaining).ConfigureAwait(false))
            {
                break;
            }
        }

        if (window.Count > 0)
        {
            lastWindowCallers = Math.Max(callers, 1);
        }
    }

    private async ValueTask<bool> WaitForMoreAsync(ChannelReader<QueuedEmbedding> reader, TimeSpan remaining)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping.Token);
        // Timers tick in whole milliseconds (or coarser: the kernel's tick); a shorter wait would not wait at all.
        timeout.CancelAfter(remaining < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : remaining);
        try
        {
            return await reader.WaitToReadAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>Runs the gathered texts shortest first, cut into batches that respect both limits.</summary>
    private void RunWindow(List<QueuedEmbedding> window)
    {
        window.Sort(static (a, b) => a.TokenIds.Length.CompareTo(b.TokenIds.Length));
        var start = 0;
        while (start < window.Count)
        {
            var end = start + 1;
            // Sorted ascending, so the padded size of [start, end] is its count times the last length.
            while (end < window.Count && end - start < maxBatchSize && (end - start + 1) * window[end].TokenIds.Length <= maxBatchTokens)
            {
                end++;
            }

            RunBatch(window, start, end);
            start = end;
        }
    }

    private void RunBatch(List<QueuedEmbedding> window, int start, int end)
    {
        var items = new List<QueuedEmbedding>(end - start);
        for (var i = start; i < end; i++)
        {
            if (!window[i].IsAbandoned)
            {
                items.Add(window[i]);
            }
        }

        if (items.Count == 0)
        {
            return;
        }

        float[][] vectors;
        var started = Stopwatch.GetTimestamp();
        try
        {
            vectors = model.Run(items.ConvertAll(item => item.TokenIds));
        }
        catch (Exception exception)
        {
            foreach (var item in items)
            {
                item.Fail(exception);
            }

            return;
        }

        Interlocked.Increment(ref batches);
        Interlocked.Add(ref texts, items.Count);
        if (items.Count > largestBatch)
        {
            Volatile.Write(ref largestBatch, items.Count);
        }

        batchSizes.Record(items.Count);
        var share = Stopwatch.GetElapsedTime(started) / items.Count;
        for (var i = 0; i < items.Count; i++)
        {
            items[i].Complete(vectors[i], share);
        }
    }
}
