using Microsoft.Extensions.DependencyInjection;
using OrleansNlp.Batches;

namespace OrleansNlp.Hosting;

/// <summary>Batch settings of a silo (the batch grain itself needs no other service).</summary>
public static class BatchSiloExtensions
{
    public static ISiloBuilder AddOrleansNlpBatches(this ISiloBuilder silo)
    {
        silo.Services.AddOptions<BatchOptions>().BindConfiguration(BatchOptions.SectionName);
        return silo;
    }
}
