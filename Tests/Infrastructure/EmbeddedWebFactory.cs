using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Logging;
using OrleansNlp.Embedding;
using OrleansNlp.Llm;

namespace OrleansNlp.Tests.Infrastructure;

/// <summary>The web frontend in its default embedded mode (in-process silo), on free silo and gateway ports,
/// with the fault-injecting test doubles around the real stage services.</summary>
public class EmbeddedWebFactory : WebApplicationFactory<Program>
{
    public CollectingLoggerProvider Logs { get; } = new();

    /// <summary>The only port this host lets webhooks use (instead of 80 and 443): start a <see cref="WebhookReceiver"/>
    /// on it.</summary>
    public int WebhookPort { get; } = FreePort.Next();

    /// <summary>Extra configuration for this factory's host.</summary>
    protected virtual IEnumerable<KeyValuePair<string, string>> Settings => TestSettings.QuickJobs()
        .Where(setting => setting.Key.StartsWith("Jobs:") && setting.Key is not "Jobs:Retention" and not "Jobs:StageTimeout")
        .Select(setting => new KeyValuePair<string, string>(setting.Key, setting.Value!))
        .Append(new("Jobs:StageTimeout", "00:00:10"))
        .Append(new("Webhooks:AllowedHosts:0", "127.0.0.1"))
        // The receivers of these tests listen on loopback, which is refused unless private networks are allowed.
        .Append(new("Webhooks:AllowPrivateNetworks", "true"))
        .Append(new("Webhooks:AllowedPorts:0", WebhookPort.ToString()))
        .Append(new("Webhooks:Secret", WebhookSecret))
        .Append(new("Webhooks:RetryBaseDelay", "00:00:00.100"));

    public const string WebhookSecret = "webhook-test-secret";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Orleans:SiloPort", FreePort.Next().ToString());
        builder.UseSetting("Orleans:GatewayPort", FreePort.Next().ToString());
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        builder.ConfigureTestServices(services =>
        {
            services.Decorate<ITextEmbedder>(inner => new FaultInjectingEmbedder(inner));
            services.Decorate<ILlmProvider>(inner => new FaultInjectingLlmProvider(inner));
        });
    }
}

[CollectionDefinition(Name)]
public sealed class EmbeddedWebCollection : ICollectionFixture<EmbeddedWebFactory>
{
    public const string Name = "Embedded web frontend";
}
