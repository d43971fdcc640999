namespace OrleansNlp.Contracts;

/// <summary>The unfinished jobs a silo holds: pending (queued), and processing at the embedding or the LLM stage.</summary>
public sealed record SiloJobs(long Queued, long Embedding, long Llm);
