namespace OrleansNlp.Llm;

/// <summary>LLM stage settings, bound from the "Llm" configuration section.</summary>
public sealed class LlmOptions
{
    public const string SectionName = "Llm";
    public const string OpenAiProvider = "openai";
    public const string DefaultOpenAiEndpoint = "https://api.openai.com/v1";

    /// <summary>"extractive" (built in, no network) or "openai" (any OpenAI-compatible Chat Completions endpoint).</summary>
    public string Provider { get; set; } = ExtractiveSummarizer.ProviderName;

    /// <summary>Base URL of the Chat Completions API, up to and including "/v1" (requests go to {Endpoint}/chat/completions).</summary>
    public string? Endpoint { get; set; }

    /// <summary>Model (or Azure deployment) name sent with each request; required for "openai".</summary>
    public string? Model { get; set; }

    /// <summary>Sent as a bearer token. Local servers (Ollama, vLLM, llama.cpp) usually need none.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The instruction used when a job has none.</summary>
    public string DefaultInstruction { get; set; } = "Summarize the text in 2-3 sentences.";

    /// <summary>Most tokens (cl100k) the prompt may take: the instruction plus as many of the best chunks as fit.</summary>
    public int PromptTokenBudget { get; set; } = 3000;

    /// <summary>Caps the completion; unset leaves it to the server (some reasoning models reject the field).</summary>
    public int? MaxOutputTokens { get; set; }

    /// <summary>Sampling temperature; unset leaves it to the server (some models accept only their default).</summary>
    public float? Temperature { get; set; }

    /// <summary>LLM calls one silo runs at once; further calls wait, served by job priority.</summary>
    public int MaxConcurrencyPerSilo { get; set; } = 32;

    /// <summary>Retries of one call after HTTP 429, 408, 5xx or a network error, before the job's stage retry takes over.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>Base of the exponential backoff (with jitter) between retries when the server sends no Retry-After.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Cap of the backoff; a Retry-After longer than this is left to the job's stage retry.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Time limit of one HTTP request to the provider.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>Most sentences the extractive summariser returns (it returns about a fifth of the text's sentences,
    /// at least one).</summary>
    public int ExtractiveSentences { get; set; } = 3;

    /// <summary>Obsolete: the extractive summariser ranks sentences since Llm:ExtractiveSentences replaced this. Still
    /// bound so that configurations which set it keep starting; its value is ignored.</summary>
    public int ExtractiveChunks { get; set; } = 3;

    public bool IsOpenAi => string.Equals(Provider, OpenAiProvider, StringComparison.OrdinalIgnoreCase);
}
