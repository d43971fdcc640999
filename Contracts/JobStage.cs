namespace OrleansNlp;

/// <summary>The pipeline step a job is at: queued, then embedding, then llm, then done. The values are stored with
/// jobs and never renumbered; JSON carries the lowercase names.</summary>
public enum JobStage
{
    Queued = 0,
    Embedding = 1,
    Llm = 2,
    Done = 3,
}
