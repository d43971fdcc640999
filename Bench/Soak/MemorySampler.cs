using System.Diagnostics;
using System.Globalization;
using OrleansNlp.Bench.Pipeline;
using StackExchange.Redis;

namespace OrleansNlp.Bench.Soak;

/// <summary>
/// Samples memory every few seconds: the resident set (<c>VmRSS</c> of <c>/proc/PID/status</c>) of each watched
/// process, and from Redis its <c>used_memory</c> (<c>INFO memory</c>), its key count (<c>DBSIZE</c>) and the jobs it
/// stores (the cardinality of the five status sets of the job index, <c>{ServiceId}/index/{status}</c>). A sample costs
/// one small file read per process and four cheap Redis commands.
/// </summary>
public sealed class MemorySampler : IAsyncDisposable
{
    private static readonly string[] Statuses = ["pending", "processing", "completed", "failed", "cancelled"];

    private readonly IReadOnlyList<ProcessCpu> _processes;
    private readonly ConnectionMultiplexer? _redis;
    private readonly RedisKey[] _indexKeys;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<MemorySample> _samples = [];

    private MemorySampler(IReadOnlyList<ProcessCpu> processes, ConnectionMultiplexer? redis, string serviceId)
    {
        _processes = processes;
        _redis = redis;
        _indexKeys = Statuses.Select(status => (RedisKey)$"{serviceId}/index/{status}").ToArray();
    }

    public static async Task<MemorySampler> StartAsync(IReadOnlyList<ProcessCpu> processes, string? redisEndpoint, string serviceId)
    {
        ConnectionMultiplexer? redis = null;
        if (redisEndpoint is not null)
        {
            var options = ConfigurationOptions.Parse(redisEndpoint);
            options.ClientName = "orleansnlp-soak";
            options.AllowAdmin = true; // INFO is an admin command to StackExchange.Redis.
            redis = await ConnectionMultiplexer.ConnectAsync(options);
        }

        return new MemorySampler(processes, redis, serviceId);
    }

    /// <summary>Every sample so far, oldest first.</summary>
    public IReadOnlyList<MemorySample> Samples
    {
        get
        {
            lock (_samples)
            {
                return _samples.ToArray();
            }
        }
    }

    /// <summary>Seconds since the sampler started (the soak's clock).</summary>
    public double Now => _clock.Elapsed.TotalSeconds;

    /// <summary>Samples every <paramref name="period"/> until <paramref name="ct"/> is cancelled.</summary>
    public async Task RunAsync(TimeSpan period, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(period);
        try
        {
            do
            {
                var sample = await SampleAsync();
                lock (_samples)
                {
                    _samples.Add(sample);
                }
            }
            while (await timer.WaitForNextTickAsync(ct));
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    private async Task<MemorySample> SampleAsync()
    {
        var at = Now;
        var rss = _processes.ToDictionary(process => process.Name, process => RssMegabytes(process.Pid));
        RedisFigures? redis = null;
        if (_redis is not null)
        {
            try
            {
                var server = _redis.GetServers().Single();
                var db = _redis.GetDatabase();
                var info = server.InfoAsync("memory");
                var keys = server.DatabaseSizeAsync();
                var jobs = _indexKeys.Select(key => db.SortedSetLengthAsync(key)).ToArray();
                var used = (await info).SelectMany(group => group).First(pair => pair.Key == "used_memory").Value;
                redis = new RedisFigures(
                    long.Parse(used, CultureInfo.InvariantCulture) / 1048576.0, await keys, (await Task.WhenAll(jobs)).Sum());
            }
            catch (RedisException exception)
            {
                Console.Error.WriteLine($"  Redis sample failed: {exception.Message}");
            }
        }

        return new MemorySample(at, rss, redis);
    }

    /// <summary>VmRSS in MB, or null when the process is gone.</summary>
    public static double? RssMegabytes(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                // VmRSS:	  204800 kB
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024.0;
                }
            }
        }
        catch (IOException)
        {
        }

        return null;
    }

    public async ValueTask DisposeAsync()
    {
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }
    }
}

/// <summary>One sample: seconds since the soak started, each process's RSS in MB (null: gone), Redis' figures.</summary>
public sealed record MemorySample(double At, IReadOnlyDictionary<string, double?> RssMb, RedisFigures? Redis);

/// <summary>Redis' <c>used_memory</c> in MB, its key count, and the jobs its status index lists.</summary>
public sealed record RedisFigures(double UsedMemoryMb, long Keys, long Jobs);
