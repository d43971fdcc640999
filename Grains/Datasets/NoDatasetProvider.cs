using OrleansNlp.Llm;
using OrleansNlp.Models;

namespace OrleansNlp.Datasets;

/// <summary>Stands in when no generative provider is configured: the built-in extractive summariser cannot write rows.</summary>
public sealed class NoDatasetProvider : IDatasetRowsProvider
{
    public const string Reason =
        "Dataset jobs need a generative LLM provider: set Llm__Provider=openai with Llm__Endpoint and Llm__Model (any OpenAI-compatible server); " +
        "the built-in extractive provider cannot generate rows.";

    public Task<DatasetChunk> GenerateRowsAsync(DatasetChunkRequest request, CancellationToken cancellationToken) =>
        throw new LlmProviderException(Reason, isTransient: false);
}
