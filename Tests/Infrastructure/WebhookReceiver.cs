using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace OrleansNlp.Tests.Infrastructure;

/// <summary>A real HTTP endpoint on loopback that records webhook deliveries and fails the first ones on request.
/// Each receiver listens on its own path, so a late delivery of another test's job to the same port is not recorded.</summary>
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

    /// <summary>Starts on <paramref name="port"/> (a test host allows only its configured webhook ports; 0 = any free
    /// port) and answers 500 to the first <paramref name="failFirst"/> deliveries, 200 afterwards.</summary>
    public static async Task<WebhookReceiver> StartAsync(int failFirst, int port = 0)
    {
        var app = LoopbackApp.Create(port);
        var receiver = new WebhookReceiver(app, failFirst);
        var path = $"/hooks/{Guid.NewGuid():N}";
        app.MapPost(path, async (HttpRequest request) =>
        {
            var body = await new StreamReader(request.Body).ReadToEndAsync();
            var answer = Interlocked.Decrement(ref receiver._failuresLeft) >= 0 ? 500 : 200;
            receiver.Deliveries.Enqueue((answer, body, new HeaderDictionary(request.Headers.ToDictionary(h => h.Key, h => h.Value))));
            return Results.StatusCode(answer);
        });
        await app.StartAsync();
        receiver.Url = new Uri(new Uri(app.Urls.Single()), path);
        return receiver;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
