using OrleansNlp.Models;

namespace OrleansNlp;

/// <summary>LLM stage worker (a stateless worker: runs on the caller's silo).</summary>
[Alias("OrleansNlp.ILlmGrain")]
public interface ILlmGrain : IGrainWithIntegerKey
{
    /// <summary>Cancelled like the embedding stage, through the silo's stage registry. A call may wait for a capacity
    /// slot (up to Jobs:LlmQueueTimeout) and then works within the request's AttemptTimeout; the response timeout is only
    /// a backstop above both.</summary>
    [Alias("Generate"), ResponseTimeout("01:00:00")]
    Task<LlmOutput> GenerateAsync(LlmRequest request);

    /// <summary>Generates rows of a dataset job through the configured chat model (JSON-schema response format), with
    /// the same capacity slots, retries and cancellation as <see cref="GenerateAsync"/>.</summary>
    [Alias("GenerateRows"), ResponseTimeout("01:00:00")]
    Task<DatasetChunk> GenerateRowsAsync(DatasetChunkRequest request);
}
