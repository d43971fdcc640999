using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.ML.Tokenizers;
using OrleansNlp.Llm;

namespace OrleansNlp.Hosting;

/// <summary>LLM stage services of a silo: the provider chosen by Llm:Provider, the prompt builder, the priority gate
/// and the retry policy.</summary>
public static class LlmSiloExtensions
{
    public static ISiloBuilder AddOrleansNlpLlm(this ISiloBuilder silo)
    {
        silo.Services.AddOptions<LlmOptions>()
            .BindConfiguration(LlmOptions.SectionName)
            .Validate(options => options.IsOpenAi || options.Provider.Equals(ExtractiveSummarizer.ProviderName, StringComparison.OrdinalIgnoreCase),
                $"Llm:Provider must be '{ExtractiveSummarizer.ProviderName}' or '{LlmOptions.OpenAiProvider}'.")
            .Validate(options => !options.IsOpenAi || !string.IsNullOrWhiteSpace(options.Model),
                "Llm:Model is required when Llm:Provider is 'openai'.")
            .Validate(options => !options.IsOpenAi || string.IsNullOrWhiteSpace(options.Endpoint) || Uri.TryCreate(options.Endpoint, UriKind.Absolute, out _),
                "Llm:Endpoint must be an absolute URL such as http://127.0.0.1:11434/v1.")
            .Validate(options => options.MaxConcurrencyPerSilo >= 1 && options.PromptTokenBudget >= 1,
                "Llm:MaxConcurrencyPerSilo and Llm:PromptTokenBudget must be at least 1.")
            .Validate(options => options.ExtractiveSentences >= 1, "Llm:ExtractiveSentences must be at least 1.")
            .ValidateOnStart();

        // Loading the cl100k table takes a moment and only the chat provider needs it: resolved on first use.
        silo.Services.AddSingleton<Tokenizer>(_ => TiktokenTokenizer.CreateForEncoding("cl100k_base"));
        silo.Services.AddSingleton<PromptBuilder>();
        silo.Services.AddSingleton<IChatClient>(services => OpenAiChatClientFactory.Create(services.GetRequiredService<IOptions<LlmOptions>>().Value));
        silo.Services.AddSingleton<ILlmProvider>(services => services.GetRequiredService<IOptions<LlmOptions>>().Value.IsOpenAi
            ? ActivatorUtilities.CreateInstance<ChatClientLlmProvider>(services)
            : ActivatorUtilities.CreateInstance<ExtractiveSummarizer>(services));
        silo.Services.AddSingleton(services => new PriorityGate(services.GetRequiredService<IOptions<LlmOptions>>().Value.MaxConcurrencyPerSilo));
        silo.Services.AddSingleton<LlmRetryPolicy>();
        return silo;
    }
}
