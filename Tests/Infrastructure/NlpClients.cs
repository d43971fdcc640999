using Microsoft.AspNetCore.Mvc.Testing;
using OrleansNlp.Client;

namespace OrleansNlp.Tests.Infrastructure;

/// <summary>Typed clients wired to a test server: REST through its HttpClient, the hub through its handler (long polling).</summary>
public static class NlpClients
{
    public static OrleansNlpClient CreateNlpClient(this WebApplicationFactory<Program> factory, string? apiKey = null) =>
        new(factory.CreateClient(), new OrleansNlpClientOptions { ApiKey = apiKey }, () => factory.Server.CreateHandler());
}
