using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace OrleansNlp.Bench;

/// <summary>An in-process OpenAI-compatible Chat Completions server on a loopback port (a free one unless given) that
/// answers every request after a fixed latency, as a remote model would (an awaited delay: no thread is held), with
/// usage token counts, and counts how many requests it holds at once. Kestrel keeps connections alive and listens with
/// a deep backlog, so that hundreds of concurrent callers are never refused.</summary>
public sealed class SlowChatCompletionsServer : IAsyncDisposable
{
    public const int ListenBacklog = 4096;

    private static readonly byte[] Reply = Encoding.UTF8.GetBytes(
        """{"id":"chatcmpl-bench","object":"chat.completion","created":1700000000,"model":"bench-model","choices":[{"index":0,"message":{"role":"assistant","content":"A short benchmark answer."},"finish_reason":"stop"}],"usage":{"prompt_tokens":120,"completion_tokens":6,"total_tokens":126}}""");

    private readonly TimeSpan _latency;
    private WebApplication _app = null!;
    private int _inFlight;
    private int _maxInFlight;
    private long _requests;

    private SlowChatCompletionsServer(TimeSpan latency) => _latency = latency;

    public string Endpoint { get; private set; } = "";

    public long Requests => Interlocked.Read(ref _requests);

    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    public int InFlight => Volatile.Read(ref _inFlight);

    public static async Task<SlowChatCompletionsServer> StartAsync(TimeSpan latency, int port = 0)
    {
        var server = new SlowChatCompletionsServer(latency);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseSockets(sockets => sockets.Backlog = ListenBacklog);
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, port));
        server._app = builder.Build();
        // No routing: every request is a chat completion, and the server's CPU counts against the silo's here.
        server._app.Run(server.HandleAsync);
        await server._app.StartAsync();
        server.Endpoint = server._app.Urls.Single() + "/v1";
        return server;
    }

    public void ResetCounters()
    {
        Interlocked.Exchange(ref _maxInFlight, 0);
        Interlocked.Exchange(ref _requests, 0);
    }

    private async Task HandleAsync(HttpContext http)
    {
        var now = Interlocked.Increment(ref _inFlight);
        Interlocked.Increment(ref _requests);
        for (var seen = Volatile.Read(ref _maxInFlight); now > seen; seen = Volatile.Read(ref _maxInFlight))
        {
            if (Interlocked.CompareExchange(ref _maxInFlight, now, seen) == seen)
            {
                break;
            }
        }

        try
        {
            // Read the whole request, as a real server would, then take the model's time.
            await http.Request.Body.CopyToAsync(Stream.Null);
            await Task.Delay(_latency);
            http.Response.ContentType = "application/json";
            await http.Response.Body.WriteAsync(Reply);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
