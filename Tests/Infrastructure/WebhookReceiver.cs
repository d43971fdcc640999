using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace OrleansNlp.Tests.Infrastructure;

/// <summary>A real HTTP endpoint on loopback that records webhook deliveries and fails the first ones on request.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _failuresLeft;

    private WebhookReceiver(WebApplication app, int failFirst)
    {
        _app = app;
        _failuresLeft = failFirst;
    }

    public ConcurrentQueue<(int Answer, string Body, IHeaderDictionary Headers)> Deliveries { get; } = new();

    public Uri Url { get; private set; } = null!;

    public static async Task<WebhookReceiver> StartAsync(int failFirst)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var receiver = new WebhookReceiver(app, failFirst);
        app.MapPost("/hook", async (HttpRequest request) =>
        {
            var body = await new StreamReader(request.Body).ReadToEndAsync();
            var answer = Interlocked.Decrement(ref receiver._failuresLeft) >= 0 ? 500 : 200;
            receiver.Deliveries.Enqueue((answer, body, new HeaderDictionary(request.Headers.ToDictionary(h => h.Key, h => h.Value))));
            return Results.StatusCode(answer);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Url = new Uri(new Uri(address), "/hook");
        return receiver;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
