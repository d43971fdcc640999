using StackExchange.Redis;

namespace OrleansNlp.Hosting;

/// <summary>One lazily opened Redis connection per process for the project's own keys (index, cache).</summary>
public sealed class RedisConnection(string connectionString) : IAsyncDisposable
{
    private readonly Lazy<Task<ConnectionMultiplexer>> _connection =
        new(() => ConnectionMultiplexer.ConnectAsync(RedisSettings.Parse(connectionString)));

    public async Task<IDatabase> GetDatabaseAsync() => (await _connection.Value).GetDatabase();

    public async Task<IConnectionMultiplexer> GetConnectionAsync() => await _connection.Value;

    public async ValueTask DisposeAsync()
    {
        if (_connection.IsValueCreated)
        {
            await (await _connection.Value).DisposeAsync();
        }
    }
}
