using OrleansNlp.Models;

namespace OrleansNlp.Llm;

/// <summary>Produces the LLM stage's output. One instance per silo, shared by all LLM activations.
/// Failures worth retrying are thrown as a transient <see cref="LlmProviderException"/>.</summary>
public interface ILlmProvider
{
    /// <summary>The provider's name as results report it ("extractive", "openai").</summary>
    string Name { get; }

    /// <summary>The configured model; results report the model that actually answered when the provider says.</summary>
    string Model { get; }

    Task<LlmOutput> GenerateAsync(LlmRequest request, CancellationToken cancellationToken);
}
