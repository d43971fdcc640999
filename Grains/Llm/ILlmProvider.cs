using OrleansNlp.Models;

namespace OrleansNlp.Llm;

/// <summary>Produces the LLM stage's output. One instance per silo, shared by all LLM activations.</summary>
public interface ILlmProvider
{
    Task<LlmOutput> GenerateAsync(LlmRequest request, CancellationToken cancellationToken);
}
