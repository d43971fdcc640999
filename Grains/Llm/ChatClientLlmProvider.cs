using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using OrleansNlp.Models;

namespace OrleansNlp.Llm;

/// <summary>
/// Calls a chat model through <see cref="IChatClient"/> (the "openai" provider): one request per call with the prompt
/// from <see cref="PromptBuilder"/>. Token counts come from the response's usage, else from the cl100k tokenizer.
/// Retries and the concurrency limit are the LLM stage's business, not this class's.
/// </summary>
public sealed class ChatClientLlmProvider(IChatClient chat, PromptBuilder prompts, IOptions<LlmOptions> options) : ILlmProvider
{
    private readonly ChatOptions _chatOptions = new()
    {
        MaxOutputTokens = options.Value.MaxOutputTokens,
        Temperature = options.Value.Temperature,
    };

    public string Name => LlmOptions.OpenAiProvider;

    public string Model { get; } = options.Value.Model ?? "";

    public async Task<LlmOutput> GenerateAsync(LlmRequest request, CancellationToken cancellationToken)
    {
        var prompt = prompts.Build(request);
        ChatResponse response;
        try
        {
            response = await chat.GetResponseAsync(
                [new ChatMessage(ChatRole.System, prompt.System), new ChatMessage(ChatRole.User, prompt.User)],
                _chatOptions,
                cancellationToken);
        }
        catch (Exception exception) when (ProviderErrors.Translate(exception, cancellationToken) is { } failure)
        {
            throw failure;
        }

        var text = response.Text.Trim();
        return new LlmOutput(
            Name,
            response.ModelId is { Length: > 0 } model ? model : Model,
            text,
            response.Usage?.InputTokenCount is { } input ? (int)input : prompts.CountPromptTokens(prompt),
            response.Usage?.OutputTokenCount is { } output ? (int)output : prompts.CountTokens(text));
    }
}
