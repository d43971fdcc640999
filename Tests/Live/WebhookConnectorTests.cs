using System.Net;
using Microsoft.Extensions.Options;
using OrleansNlp.Tests.Infrastructure;
using OrleansNlp.Webhooks;

namespace OrleansNlp.Tests;

/// <summary>The connect step of webhook deliveries on its own, over real HTTP to a loopback receiver: the address
/// and port are checked where the socket is opened, whatever the URL said.</summary>
[Trait(TestCategory.Trait, TestCategory.Live)]
public sealed class WebhookConnectorTests
{
    [Fact]
    public async Task PermittedAddress_IsReached_ThroughTheResolver()
    {
        await using var receiver = await WebhookReceiver.StartAsync(failFirst: 0);
        using var http = Client(new() { AllowPrivateNetworks = true, AllowedPorts = [receiver.Url.Port] }, IPAddress.Loopback);

        using var response = await http.PostAsync(OnName(receiver.Url, "hooks.example.test"), new StringContent("{}"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(receiver.Deliveries);
    }

    [Fact]
    public async Task PortNotAllowed_IsRefusedBeforeConnecting()
    {
        await using var receiver = await WebhookReceiver.StartAsync(failFirst: 0);
        using var http = Client(new() { AllowPrivateNetworks = true }, IPAddress.Loopback);

        var exception = await Assert.ThrowsAsync<HttpRequestException>(() => http.PostAsync(receiver.Url, new StringContent("{}")));

        Assert.Equal("blocked: port not allowed", WebhookDispatcher.Describe(exception));
        Assert.Empty(receiver.Deliveries);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::ffff:127.0.0.1")]
    public async Task NameResolvingToLoopback_IsRefused_UnlessPrivateNetworksAreAllowed(string address)
    {
        await using var receiver = await WebhookReceiver.StartAsync(failFirst: 0);
        using var http = Client(new() { AllowedPorts = [receiver.Url.Port] }, IPAddress.Parse(address));

        var exception = await Assert.ThrowsAsync<HttpRequestException>(() => http.PostAsync(OnName(receiver.Url, "hooks.example.test"), new StringContent("{}")));

        Assert.Equal("blocked: private address", WebhookDispatcher.Describe(exception));
        Assert.Empty(receiver.Deliveries);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("[::1]")]
    [InlineData("[::ffff:127.0.0.1]")]
    public async Task LoopbackLiteral_IsRefused_WithoutAskingTheResolver(string host)
    {
        await using var receiver = await WebhookReceiver.StartAsync(failFirst: 0);
        // Were the literal sent to the resolver, this public (documentation) address would be tried instead.
        using var http = Client(new() { AllowedPorts = [receiver.Url.Port] }, IPAddress.Parse("192.0.2.1"));

        var exception = await Assert.ThrowsAsync<HttpRequestException>(() => http.PostAsync(OnName(receiver.Url, host), new StringContent("{}")));

        Assert.Equal("blocked: private address", WebhookDispatcher.Describe(exception));
        Assert.Empty(receiver.Deliveries);
    }

    [Fact]
    public async Task CloudMetadata_IsRefused_EvenWhenPrivateNetworksAreAllowed()
    {
        using var http = Client(new() { AllowPrivateNetworks = true }, IPAddress.Parse("169.254.169.254"));

        var exception = await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync("http://metadata.example.test/latest/meta-data"));

        Assert.Equal("blocked: metadata address", WebhookDispatcher.Describe(exception));
    }

    private static HttpClient Client(WebhookOptions options, IPAddress resolvedTo)
    {
        var connector = new WebhookConnector(Options.Create(options), (_, _) => Task.FromResult<IPAddress[]>([resolvedTo]));
        return new HttpClient(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false, ConnectCallback = connector.ConnectAsync })
        {
            Timeout = TimeSpan.FromSeconds(5),
        };
    }

    private static Uri OnName(Uri url, string host) => new UriBuilder(url) { Host = host }.Uri;
}
