using System.Net;

namespace OrleansNlp.Tests.Infrastructure;

/// <summary>The embedded frontend on a real loopback port (for a browser) with the "openai" provider pointed at a
/// <see cref="FakeOpenAiServer"/>, as <see cref="LlmWebFixture"/> has it behind a test server, and one API key (so that
/// a page's downloads must carry it).</summary>
public sealed class LlmKestrelWebFixture : IAsyncLifetime
{
    public const string PageApiKey = "dataset-page-key-8d41f0";

    public FakeOpenAiServer Server { get; private set; } = null!;

    public LlmWebFactory Factory { get; private set; } = null!;

    public Uri Address { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await FakeOpenAiServer.StartAsync();
        Factory = new LlmWebFactory(new Dictionary<string, string>
        {
            ["Llm:Provider"] = "openai",
            ["Llm:Endpoint"] = Server.Endpoint,
            ["Llm:Model"] = LlmWebFixture.ConfiguredModel,
            ["Llm:ApiKey"] = LlmWebFixture.ApiKey,
            ["Llm:RetryBaseDelay"] = "00:00:00.050",
            ["Jobs:RetryBaseDelay"] = "00:00:00.050",
            ["Jobs:RetryMaxDelay"] = "00:00:00.200",
            ["Auth:ApiKeys:0"] = PageApiKey,
        });
        Factory.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        Address = Factory.ListenAddress();
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Server.DisposeAsync();
    }
}
