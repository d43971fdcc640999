using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using OrleansNlp.Models;

namespace OrleansNlp.Llm;

/// <summary>
/// Calls a chat model through <see cref="IChatClient"/> (the "openai" provider): one request per call with the prompt
/// from <see cref="PromptBuilder"/>; when the job asks for the text's sentiment, the same call returns it as structured
/// JSON (<see cref="SentimentAnswer"/>). Token counts come from the response's usage, else from the cl100k tokenizer.
/// Retries and the concurrency limit are the LLM stage's business, not this class's.
/// </summary>
public sealed class ChatClientLlmProvider(IChatClient chat, PromptBuilder prompts, IOptions<LlmOptions> options) : ILlmProvider
{
    private readonly ChatOptions _chatOptions = new()
    {
        MaxOutputTokens = options.Value.MaxOutputTokens,
        Temperature = options.Value.Temperature,
    };

    private readonly ChatOptions _sentimentOptions = new()
    {
        MaxOutputTokens = options.Value.MaxOutputTokens,
        Temperature = options.Value.Temperature,
        ResponseFormat = SentimentAnswer.Format,
    };

    public string Name => LlmOptions.OpenAiProvider;

    public string Model { get; } = options.Value.Model ?? "";

    public async Task<LlmOutput> GenerateAsync(LlmRequest request, CancellationToken cancellationToken)
    {
        var prompt = prompts.Build(request);
        var sentimentLanguage = request.SentimentLanguage;
        var system = sentimentLanguage is null ? prompt.System : prompt.System + SentimentAnswer.Instruction(sentimentLanguage);
        ChatResponse response;
        try
        {
            response = await chat.GetResponseAsync(
                [new ChatMessage(ChatRole.System, system), new ChatMessage(ChatRole.User, prompt.User)],
                sentimentLanguage is null ? _chatOptions : _sentimentOptions,
                cancellationToken);
        }
        catch (Exception exception) when (ProviderErrors.Translate(exception, cancellationToken) is { } failure)
        {
            throw failure;
        }

        var text = response.Text.Trim();
        var output = text;
        TextSentiment? sentiment = null;
        if (sentimentLanguage is not null)
        {
            (output, sentiment) = SentimentAnswer.Parse(text);
        }

        return new LlmOutput(
            Name,
            response.ModelId is { Length: > 0 } model ? model : Model,
            output,
            response.Usage?.InputTokenCount is { } input ? (int)input : prompts.CountPromptTokens(prompt with { System = system }),
            response.Usage?.OutputTokenCount is { } completion ? (int)completion : prompts.CountTokens(text),
            sentiment);
    }
}
