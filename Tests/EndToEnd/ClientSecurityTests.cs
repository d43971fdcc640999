using System.Net;
using OrleansNlp.Cli;
using OrleansNlp.Client;
using OrleansNlp.Contracts;
using OrleansNlp.Tests.Infrastructure;

namespace OrleansNlp.Tests;

/// <summary>The typed client and the CLI against a frontend with API keys on: the key reaches REST and the hub.</summary>
[Trait(TestCategory.Trait, TestCategory.EndToEnd)]
public sealed class ClientSecurityTests(SecuredWebFactory factory) : IClassFixture<SecuredWebFactory>
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
}
