using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace OrleansNlp.Tests.Infrastructure;

/// <summary>
/// A minimal OpenAI-compatible Chat Completions server (Kestrel on a free loopback port) answering
/// POST /v1/chat/completions with non-streaming JSON. A request whose messages contain a scripted token gets that
/// token's scripted replies in turn, then successes; every request is recorded, so tests can look at the prompt.
/// A dataset generation request (response format <c>dataset_rows</c>) gets as many schema-shaped rows as it asks for
/// (<see cref="FakeDatasetRows"/>).
/// </summary>
public sealed class FakeOpenAiServer : IAsyncDisposable
{
    public const string AnsweringModel = "fake-model-2024";
    public const string Answer = "A fake summary from the fake model.";
    public const int PromptTokens = 42;
    public const int CompletionTokens = 7;

    private readonly ConcurrentDictionary<string, ConcurrentQueue<FakeReply>> _scripts = new();
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private WebApplication _app = null!;

    private readonly FakeDatasetRows _rows = new();
    private volatile TaskCompletionSource? _hold;

    public string Endpoint { get; private set; } = "";

    public int RequestCount => _requests.Count;

    /// <summary>From now on requests wait (as a slow model would) until <see cref="Release"/>.</summary>
    public void Hold() => _hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release() => _hold?.TrySetResult();

    public static async Task<FakeOpenAiServer> StartAsync()
    {
        var server = new FakeOpenAiServer();
        server._app = LoopbackApp.Create();
        server._app.MapPost("/v1/chat/completions", server.HandleAsync);
        await server._app.StartAsync();
        server.Endpoint = server._app.Urls.Single() + "/v1";
        return server;
    }

    /// <summary>Requests containing <paramref name="token"/> get these replies first, in order.</summary>
    public void Script(string token, params FakeReply[] replies) => _scripts[token] = new ConcurrentQueue<FakeReply>(replies);

    public IReadOnlyList<RecordedRequest> RequestsWith(string token) =>
        _requests.Where(request => request.Prompt.Contains(token, StringComparison.Ordinal)).ToArray();

    private async Task HandleAsync(HttpContext http)
    {
        using var body = await JsonDocument.ParseAsync(http.Request.Body);
        var model = body.RootElement.GetProperty("model").GetString() ?? "";
        var prompt = string.Join("\n", body.RootElement.GetProperty("messages").EnumerateArray().Select(MessageText));
        var schema = body.RootElement.TryGetProperty("response_format", out var format)
            && format.TryGetProperty("json_schema", out var jsonSchema) && jsonSchema.TryGetProperty("name", out var schemaName)
                ? schemaName.GetString()
                : null;
        var rowSchema = schema == Datasets.DatasetSchema.ResponseSchemaName
            ? format.GetProperty("json_schema").GetProperty("schema").GetProperty("properties").GetProperty("rows").GetProperty("items").Clone()
            : (JsonElement?)null;
        _requests.Enqueue(new RecordedRequest(DateTime.UtcNow, model, prompt, http.Request.Headers.Authorization.ToString(), schema));
        if (_hold is { } hold)
        {
            await hold.Task.WaitAsync(http.RequestAborted);
        }


        FakeReply Normal() => rowSchema is { } rows ? FakeReply.Content(_rows.Answer(rows, prompt)) : Success(schema);
        var reply = _scripts.FirstOrDefault(script => prompt.Contains(script.Key, StringComparison.Ordinal)).Value is { } queue
            && queue.TryDequeue(out var scripted)
                ? scripted
                : Normal();
        if (reply.Delay is { } delay)
        {
            await Task.Delay(delay, http.RequestAborted);
        }

        if (reply.Gate is { } gate)
        {
            await gate.WaitAsync(http.RequestAborted);
        }

        if (reply.Body.Length == 0 && (reply.Delay is not null || reply.Gate is not null))
        {
            reply = Normal();
        }

        http.Response.StatusCode = reply.Status;
        foreach (var (name, value) in reply.Headers ?? new Dictionary<string, string>())
        {
            http.Response.Headers[name] = value;
        }

        http.Response.ContentType = "application/json";
        await http.Response.WriteAsync(reply.Body);
    }

    /// <summary>The answer to a request that asked for the output and the text's sentiment as JSON.</summary>
    public static readonly string SentimentAnswer =
        JsonSerializer.Serialize(new { output = Answer, sentiment = new { label = "positive", score = SentimentScore } });

    public const double SentimentScore = 0.72;

    private static FakeReply Success(string? schema) =>
        FakeReply.Content(schema == Llm.SentimentAnswer.SchemaName ? SentimentAnswer : Answer);

    // Content is a string, or an array of parts of which the text ones count.
    private static string MessageText(JsonElement message) => message.GetProperty("content") switch
    {
        { ValueKind: JsonValueKind.String } text => text.GetString()!,
        { ValueKind: JsonValueKind.Array } parts => string.Concat(parts.EnumerateArray()
            .Where(part => part.TryGetProperty("text", out _)).Select(part => part.GetProperty("text").GetString())),
        _ => "",
    };

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
