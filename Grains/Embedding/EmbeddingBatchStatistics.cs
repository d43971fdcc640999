namespace OrleansNlp.Embedding;

/// <summary>What <see cref="EmbeddingBatcher"/> has run so far: inference runs, texts embedded and the largest batch.</summary>
public readonly record struct EmbeddingBatchStatistics(long Batches, long Texts, int LargestBatch)
{
    public double AverageBatchSize => Batches == 0 ? 0 : (double)Texts / Batches;
}
