using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using OrleansNlp.Cli;
using OrleansNlp.Client;
using OrleansNlp.Contracts;
using OrleansNlp.Tests.Infrastructure;
using JobProgressEvent = OrleansNlp.Models.JobProgressEvent;

namespace OrleansNlp.Tests;

/// <summary>The typed client, the CLI and a bare SignalR client against a frontend with API keys on: the key reaches
/// REST and the hub.</summary>
[Trait(TestCategory.Trait, TestCategory.EndToEnd)]
public sealed class ClientSecurityTests(SecuredWebFactory factory, SecuredKestrelWebFactory kestrel)
    : IClassFixture<SecuredWebFactory>, IClassFixture<SecuredKestrelWebFactory>
{
    [Fact]
    public async Task WatchAsync_WithTheApiKey_FollowsTheJobToTheEnd()
    {
        var client = factory.CreateNlpClient(SecuredWebFactory.ApiKey);
        var submitted = await client.SubmitAsync("Keys open doors. Doors need keys.");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        JobProgress? last = null;
        await foreach (var progress in client.WatchAsync(submitted.JobId, timeout.Token))
        {
            last = progress;
        }

        Assert.Equal(JobStatus.Completed, last!.Status);
    }

    [Fact]
    public async Task RestAndHub_WithAWrongApiKey_Throw401()
    {
        var client = factory.CreateNlpClient("wrong-key");

        var rest = await Assert.ThrowsAsync<OrleansNlpApiException>(() => client.GetAsync(Guid.NewGuid().ToString("N")));
        var hub = await Assert.ThrowsAsync<OrleansNlpApiException>(async () =>
        {
            await foreach (var _ in client.WatchAsync(Guid.NewGuid().ToString("N")))
            {
            }
        });

        Assert.Equal(HttpStatusCode.Unauthorized, rest.StatusCode);
        Assert.Equal("API key required", rest.Title);
        Assert.Equal(HttpStatusCode.Unauthorized, hub.StatusCode);
    }

    [Theory]
    [InlineData(SecuredWebFactory.ApiKey, ExitCodes.NotFound)]
    [InlineData(null, ExitCodes.ServerError)]
    public async Task Cli_TakesTheApiKeyFromTheEnvironment(string? key, int expectedExitCode)
    {
        var error = new StringWriter();
        var host = new CliHost(TextWriter.Null, error,
            name => name == CliApp.ApiKeyVariable ? key : null,
            options => factory.CreateNlpClient(options.ApiKey));

        var exitCode = await new CliApp(host).RunAsync(["get", Guid.NewGuid().ToString("N")]);

        Assert.Equal(expectedExitCode, exitCode);
        Assert.Contains(key is null ? "401" : "no job", error.ToString());
    }

    private static HubConnection HubWithOnlyAnAccessToken(Uri address, string key) => new HubConnectionBuilder()
        .WithUrl(new Uri(address, "/hubs/jobs"), options =>
        {
            // What the browser's accessTokenFactory does: no X-Api-Key header anywhere, and a real WebSocket.
            options.AccessTokenProvider = () => Task.FromResult<string?>(key);
            options.Transports = HttpTransportType.WebSockets;
        })
        .AddJsonProtocol(options =>
        {
            options.PayloadSerializerOptions.PropertyNameCaseInsensitive = true;
            options.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        })
        .Build();

    [Fact]
    public async Task HubOverARealWebSocket_WithOnlyAnAccessToken_FollowsAJobToTheEnd()
    {
        using var http = new HttpClient { BaseAddress = kestrel.Address };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", SecuredWebFactory.OtherKey);
        var submitted = await http.PostAsJsonAsync("/api/jobs", new { text = $"[embed:slow:800] {Guid.NewGuid():N} Tokens open sockets." });
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        var jobId = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("jobId").GetString()!;
        var events = Channel.CreateUnbounded<JobProgressEvent>();
        await using var connection = HubWithOnlyAnAccessToken(kestrel.Address, SecuredWebFactory.OtherKey);
        connection.On<JobProgressEvent>("jobProgress", progress => events.Writer.TryWrite(progress));

        await connection.StartAsync();
        await connection.InvokeAsync("Subscribe", jobId);
        var received = await events.Reader.UntilFinalAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(JobStatus.Completed, received[^1].Status);
    }

    [Fact]
    public async Task HubOverARealWebSocket_WithAWrongAccessToken_Is401()
    {
        await using var connection = HubWithOnlyAnAccessToken(kestrel.Address, "wrong-key");

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => connection.StartAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
    }
}
