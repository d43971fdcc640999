using Microsoft.Extensions.Configuration;
using StackExchange.Redis;

namespace OrleansNlp.Hosting;

/// <summary>Reads the Redis connection string ("ConnectionStrings:Redis"); its presence selects cluster mode.</summary>
public static class RedisSettings
{
    public const string ConnectionStringName = "Redis";

    public static string? GetRedisConnectionString(this IConfiguration configuration) =>
        configuration.GetConnectionString(ConnectionStringName) is { Length: > 0 } value && !string.IsNullOrWhiteSpace(value)
            ? value
            : null;

    /// <summary>Parses a connection string (a password in it is supported) so that a process starts and
    /// keeps retrying while Redis is down instead of failing at once. Replies are read on the .NET thread pool rather than
    /// StackExchange.Redis' own 10 socket threads: every reply read there was handed on to the thread pool, a thread
    /// switch per Redis call. Nothing here blocks a pool thread on Redis, which is what the dedicated threads guard against.</summary>
    public static ConfigurationOptions Parse(string connectionString)
    {
        var options = ConfigurationOptions.Parse(connectionString);
        options.AbortOnConnectFail = false;
        options.SocketManager = SocketManager.ThreadPool;
        return options;
    }
}
