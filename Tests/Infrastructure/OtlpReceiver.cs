using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace OrleansNlp.Tests.Infrastructure;

/// <summary>An OTLP/HTTP collector stand-in (Kestrel on a free loopback port): accepts protobuf exports on
/// /v1/metrics and /v1/traces and keeps their bodies, so tests can look for the names of what was exported.</summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly ConcurrentQueue<(string Path, byte[] Body)> _exports = new();
    private WebApplication _app = null!;

    public string Endpoint { get; private set; } = "";

    public static async Task<OtlpReceiver> StartAsync()
    {
        var receiver = new OtlpReceiver();
        receiver._app = LoopbackApp.Create();
        receiver._app.MapPost("/v1/{signal}", receiver.ReceiveAsync);
        await receiver._app.StartAsync();
        receiver.Endpoint = receiver._app.Urls.Single();
        return receiver;
    }

    /// <summary>Whether an export on this path (such as /v1/traces) held the given text, in any string field.</summary>
    public bool Received(string path, string text)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(text);
        return _exports.Any(export => export.Path == path && export.Body.AsSpan().IndexOf(bytes) >= 0);
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private async Task ReceiveAsync(HttpContext http)
    {
        using var body = new MemoryStream();
        await http.Request.Body.CopyToAsync(body);
        _exports.Enqueue((http.Request.Path.Value!, body.ToArray()));
        // An empty ExportServiceResponse message: zero bytes of protobuf.
        http.Response.ContentType = "application/x-protobuf";
    }
}
