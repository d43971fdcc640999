using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace OrleansNlp.Tests.Infrastructure;

/// <summary>The web frontend in embedded mode with the "openai" provider pointed at a <see cref="FakeOpenAiServer"/>,
/// a tight prompt budget, quick retries and few stage retries.</summary>
public sealed class LlmWebFixture : IAsyncLifetime
{
    public const string ConfiguredModel = "configured-model";
    public const string ApiKey = "sk-test-llm-key-5e1f9b";
    public const int PromptTokenBudget = 250;
    public const int LlmRetries = 2;
    public const int StageRetries = 1;
    public const int RowsPerCall = 5;

    public FakeOpenAiServer Server { get; private set; } = null!;

    public LlmWebFactory Factory { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await FakeOpenAiServer.StartAsync();
        Factory = new LlmWebFactory(new Dictionary<string, string>
        {
            ["Llm:Provider"] = "openai",
            ["Llm:Endpoint"] = Server.Endpoint,
            ["Llm:Model"] = ConfiguredModel,
            ["Llm:ApiKey"] = ApiKey,
            ["Llm:PromptTokenBudget"] = PromptTokenBudget.ToString(),
            ["Llm:MaxRetries"] = LlmRetries.ToString(),
            ["Llm:RetryBaseDelay"] = "00:00:00.050",
            ["Jobs:StageRetries"] = StageRetries.ToString(),
            ["Jobs:RetryBaseDelay"] = "00:00:00.050",
            ["Jobs:RetryMaxDelay"] = "00:00:00.200",
            // Small chunks, so that a text of three topics becomes three chunks to rank.
            ["Embedding:MaxTokens"] = "96",
            // Datasets of a dozen rows take several generation calls.
            ["Datasets:RowsPerCall"] = RowsPerCall.ToString(),
        });
        _ = Factory.Server;
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Server.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class LlmWebCollection : ICollectionFixture<LlmWebFixture>
{
    public const string Name = "Web frontend with an OpenAI-compatible provider";
}

/// <summary>The embedded web frontend with the given settings, on free silo and gateway ports.</summary>
public sealed class LlmWebFactory(IReadOnlyDictionary<string, string> settings) : WebApplicationFactory<Program>
{
    public CollectingLoggerProvider Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        builder.UseSetting("Orleans:SiloPort", FreePort.Next().ToString());
        builder.UseSetting("Orleans:GatewayPort", FreePort.Next().ToString());
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }
}
