namespace OrleansNlp.Contracts;

/// <summary>The silo (its address, e.g. <c>10.0.0.5:11111@123456789</c>, as GET /api/stats lists silos) that ran the
/// latest attempt of each stage; null for a stage that has not started.</summary>
public sealed record StageSilos(string? Embedding, string? Llm);
