using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
using OpenAI;
using OpenAI.Chat;

namespace OrleansNlp.Llm;

/// <summary>Creates the silo's <see cref="IChatClient"/> for an OpenAI-compatible Chat Completions endpoint (OpenAI,
/// Azure OpenAI's /openai/v1, Ollama, vLLM, llama.cpp server) through the OpenAI SDK and Microsoft.Extensions.AI.</summary>
public static class OpenAiChatClientFactory
{
    public static IChatClient Create(LlmOptions options)
    {
        var endpoint = new Uri(string.IsNullOrWhiteSpace(options.Endpoint) ? LlmOptions.DefaultOpenAiEndpoint : options.Endpoint);
        var http = new HttpClient(new SocketsHttpHandler
        {
            // Hundreds of calls in flight need as many connections; recycle them so DNS changes are seen.
            MaxConnectionsPerServer = int.MaxValue,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        var clientOptions = new OpenAIClientOptions
        {
            Endpoint = endpoint,
            Transport = new HttpClientPipelineTransport(http),
            // The LLM stage retries with its own policy, so that a retrying call gives its concurrency slot back while it waits.
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            NetworkTimeout = options.RequestTimeout,
        };
        // The SDK insists on a key; servers without authentication ignore this placeholder.
        var key = new ApiKeyCredential(string.IsNullOrEmpty(options.ApiKey) ? "none" : options.ApiKey);
        return new ChatClient(options.Model, key, clientOptions).AsIChatClient();
    }
}
