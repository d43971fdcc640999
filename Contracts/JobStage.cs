using System.Text.Json.Serialization;

namespace OrleansNlp;

/// <summary>The pipeline step a job is at. A text job: queued, then embedding, then llm, then done. A dataset job:
/// queued, then schema_preparation, generation, validation, then done. The values are stored with jobs and never
/// renumbered; JSON carries the lowercase names.</summary>
public enum JobStage
{
    Queued = 0,
    Embedding = 1,
    Llm = 2,
    Done = 3,
    [JsonStringEnumMemberName("schema_preparation")]
    SchemaPreparation = 4,
    Generation = 5,
    Validation = 6,
}
