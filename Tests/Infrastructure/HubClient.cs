using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using OrleansNlp.Contracts;
using OrleansNlp.Models;

namespace OrleansNlp.Tests.Infrastructure;

/// <summary>A SignalR .NET client connected to the test server's /hubs/jobs, collecting jobProgress and batchProgress events.</summary>
public sealed class HubClient : IAsyncDisposable
{
    private readonly Channel<JobProgressEvent> _events = Channel.CreateUnbounded<JobProgressEvent>();
    private readonly Channel<BatchProgress> _batchEvents = Channel.CreateUnbounded<BatchProgress>();

    private HubClient(HubConnection connection)
    {
        Connection = connection;
        Connection.On<JobProgressEvent>("jobProgress", progress => _events.Writer.TryWrite(progress));
        Connection.On<BatchProgress>("batchProgress", progress => _batchEvents.Writer.TryWrite(progress));
    }

    /// <summary>The jobProgress events received so far, and those still to come.</summary>
    public ChannelReader<JobProgressEvent> Events => _events.Reader;

    /// <summary>The batchProgress events received so far, and those still to come.</summary>
    public ChannelReader<BatchProgress> BatchEvents => _batchEvents.Reader;

    public HubConnection Connection { get; }

    public static async Task<HubClient> ConnectAsync<T>(WebApplicationFactory<T> factory, string? apiKey = null) where T : class
    {
        var server = factory.Server;
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(server.BaseAddress, "/hubs/jobs"), options =>
            {
                options.HttpMessageHandlerFactory = _ => server.CreateHandler();
                options.Transports = HttpTransportType.LongPolling;
                if (apiKey is not null)
                {
                    options.Headers["X-Api-Key"] = apiKey;
                }
            })
            .AddJsonProtocol(options =>
            {
                options.PayloadSerializerOptions.PropertyNameCaseInsensitive = true;
                options.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
            })
            .Build();
        var client = new HubClient(connection);
        await connection.StartAsync();
        return client;
    }

    public Task<IReadOnlyList<JobProgressEvent>> UntilFinalAsync(TimeSpan timeout) => _events.Reader.UntilFinalAsync(timeout);

    public bool TryRead(out JobProgressEvent? progress) => _events.Reader.TryRead(out progress);

    public async ValueTask DisposeAsync() => await Connection.DisposeAsync();
}
