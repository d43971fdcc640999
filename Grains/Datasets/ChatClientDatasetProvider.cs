using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using OrleansNlp.Llm;
using OrleansNlp.Models;

namespace OrleansNlp.Datasets;

/// <summary>Generates dataset rows with the configured chat model (the "openai" provider): one call per chunk, the
/// answer constrained by a JSON-schema response format built from the fields.</summary>
public sealed class ChatClientDatasetProvider(IChatClient chat, IOptions<LlmOptions> options) : IDatasetRowsProvider
{
    private readonly LlmOptions _options = options.Value;

    public async Task<DatasetChunk> GenerateRowsAsync(DatasetChunkRequest request, CancellationToken cancellationToken)
    {
        var schema = DatasetSchema.Parse(request.FieldsJson);
        var chatOptions = new ChatOptions
        {
            Temperature = _options.Temperature,
            ResponseFormat = ChatResponseFormat.ForJsonSchema(schema.ResponseSchema, DatasetSchema.ResponseSchemaName, $"Rows of the dataset {request.Name}."),
        };
        ChatResponse response;
        try
        {
            response = await chat.GetResponseAsync(DatasetPrompt.Build(request, schema), chatOptions, cancellationToken);
        }
        catch (Exception exception) when (ProviderErrors.Translate(exception, cancellationToken) is { } failure)
        {
            throw failure;
        }

        return new DatasetChunk(response.ModelId is { Length: > 0 } model ? model : _options.Model ?? "", DatasetAnswer.Parse(response.Text));
    }
}
