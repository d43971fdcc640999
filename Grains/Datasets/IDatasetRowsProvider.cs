using OrleansNlp.Models;

namespace OrleansNlp.Datasets;

/// <summary>Generates one chunk of a dataset's rows. One instance per silo; transient failures are thrown as a
/// transient <see cref="Llm.LlmProviderException"/>.</summary>
public interface IDatasetRowsProvider
{
    Task<DatasetChunk> GenerateRowsAsync(DatasetChunkRequest request, CancellationToken cancellationToken);
}
