namespace OrleansNlp.Client;

/// <summary>The pipeline step a job is at: queued, embedding, llm, done.</summary>
public enum JobStage
{
    Queued,
    Embedding,
    Llm,
    Done,
}
