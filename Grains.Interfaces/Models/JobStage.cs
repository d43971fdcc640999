namespace OrleansNlp.Models;

/// <summary>The pipeline step a job is at: queued, then embedding, then llm, then done.</summary>
[GenerateSerializer, Alias("OrleansNlp.JobStage")]
public enum JobStage
{
    Queued = 0,
    Embedding = 1,
    Llm = 2,
    Done = 3,
}
