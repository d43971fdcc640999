using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrleansNlp.Datasets;
using OrleansNlp.Llm;

namespace OrleansNlp.Hosting;

/// <summary>Dataset settings of a silo and the row generator of its LLM provider.</summary>
public static class DatasetSiloExtensions
{
    public static ISiloBuilder AddOrleansNlpDatasets(this ISiloBuilder silo)
    {
        silo.Services.AddOptions<DatasetOptions>()
            .BindConfiguration(DatasetOptions.SectionName)
            .Validate(options => options.RowsPerCall is >= 1 and <= 500, "Datasets:RowsPerCall must be 1 to 500.")
            .Validate(options => options.ExtraCalls >= 0 && options.MaxAvoidInPrompt >= 0 && options.MaxInvalidRowsReported >= 0,
                "Datasets:ExtraCalls, Datasets:MaxAvoidInPrompt and Datasets:MaxInvalidRowsReported must not be negative.")
            .ValidateOnStart();
        silo.Services.AddSingleton<IDatasetRowsProvider>(services => services.GetRequiredService<IOptions<LlmOptions>>().Value.IsOpenAi
            ? ActivatorUtilities.CreateInstance<ChatClientDatasetProvider>(services)
            : new NoDatasetProvider());
        return silo;
    }
}
