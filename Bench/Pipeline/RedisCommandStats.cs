using System.Globalization;
using StackExchange.Redis;

namespace OrleansNlp.Bench.Pipeline;

/// <summary>Redis commands run during the measured window: <c>CONFIG RESETSTAT</c> at its start, <c>INFO commandstats</c>
/// at its end. Everything the server ran in between counts, including the cluster's background work (membership,
/// reminders, stream pub/sub), so small runs overstate the per-job figure; this class's own CONFIG RESETSTAT and INFO are
/// left out. Commands that Lua scripts run (EVALSHA) count as well, as Redis counts them.</summary>
public sealed class RedisCommandStats : IAsyncDisposable
{
    // This class's own commands.
    private static readonly HashSet<string> HarnessCommands = new(StringComparer.Ordinal) { "cmdstat_config|resetstat", "cmdstat_info" };

    private readonly ConnectionMultiplexer _connection;
    private readonly IServer _server;

    private RedisCommandStats(ConnectionMultiplexer connection)
    {
        _connection = connection;
        _server = connection.GetServers().Single();
    }

    public static async Task<RedisCommandStats> ConnectAsync(string endpoint)
    {
        var options = ConfigurationOptions.Parse(endpoint);
        options.AllowAdmin = true; // CONFIG RESETSTAT is an admin command.
        options.ClientName = "orleansnlp-bench";
        return new RedisCommandStats(await ConnectionMultiplexer.ConnectAsync(options));
    }

    public Task ResetAsync() => _server.ConfigResetStatisticsAsync();

    /// <summary>Calls and microseconds per command name since the last reset.</summary>
    public async Task<IReadOnlyList<RedisCommandCount>> ReadAsync()
    {
        var groups = await _server.InfoAsync("commandstats");
        var counts = new List<RedisCommandCount>();
        foreach (var entry in groups.SelectMany(group => group))
        {
            // cmdstat_hset:calls=12,usec=80,usec_per_call=6.67,rejected_calls=0,failed_calls=0
            if (!entry.Key.StartsWith("cmdstat_", StringComparison.Ordinal) || HarnessCommands.Contains(entry.Key))
            {
                continue;
            }

            var fields = entry.Value.Split(',').Select(part => part.Split('=', 2)).Where(pair => pair.Length == 2)
                .ToDictionary(pair => pair[0], pair => pair[1], StringComparer.Ordinal);
            counts.Add(new RedisCommandCount(
                entry.Key["cmdstat_".Length..].ToUpperInvariant(),
                long.Parse(fields.GetValueOrDefault("calls", "0"), CultureInfo.InvariantCulture),
                long.Parse(fields.GetValueOrDefault("usec", "0"), CultureInfo.InvariantCulture)));
        }

        return counts.OrderByDescending(count => count.Calls).ToArray();
    }

    public async ValueTask DisposeAsync() => await _connection.DisposeAsync();
}

/// <summary>One line of <c>INFO commandstats</c>.</summary>
public sealed record RedisCommandCount(string Command, long Calls, long Microseconds);
