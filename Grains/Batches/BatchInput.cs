using OrleansNlp.Models;

namespace OrleansNlp.Batches;

/// <summary>The texts of a batch whose jobs are not all created yet (stored apart from <see cref="BatchState"/>, which
/// is written often, and deleted once every job exists).</summary>
[GenerateSerializer, Alias("OrleansNlp.BatchInput")]
public sealed class BatchInput
{
    [Id(0)] public BatchRequest? Request { get; set; }
}
