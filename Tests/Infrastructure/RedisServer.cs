using System.Diagnostics;
using StackExchange.Redis;

namespace OrleansNlp.Tests.Infrastructure;

/// <summary>A real redis-server (Debian package) on a free loopback port, with its own temp data folder.</summary>
public sealed class RedisServer : IAsyncDisposable
{
    private const string Executable = "/usr/bin/redis-server";

    private readonly DirectoryInfo _directory;
    private readonly bool _persistent;
    private Process _process;

    private RedisServer(DirectoryInfo directory, int port, string? password, bool persistent)
    {
        _directory = directory;
        Port = port;
        Password = password;
        _persistent = persistent;
        _process = Launch();
    }

    public int Port { get; }

    public string? Password { get; }

    public string ConnectionString => Password is null ? $"127.0.0.1:{Port}" : $"127.0.0.1:{Port},password={Password}";

    /// <summary>Starts a server; persistent ones keep an append-only file so that a restart keeps the data.</summary>
    public static async Task<RedisServer> StartAsync(string? password = null, bool persistent = false)
    {
        if (!File.Exists(Executable))
        {
            throw new InvalidOperationException($"{Executable} is missing: install the redis-server package (scripts/test.sh does).");
        }

        var server = new RedisServer(Directory.CreateTempSubdirectory("orleans-nlp-redis-"), FreePort.Next(), password, persistent);
        await server.WaitUntilReadyAsync();
        return server;
    }

    /// <summary>Stops the server (SIGTERM: it writes its append-only file) and waits until it is gone.</summary>
    public async Task StopAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: false);
            await _process.WaitForExitAsync();
        }
    }

    /// <summary>Starts the server again on the same port and data folder.</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        _process.Dispose();
        _process = Launch();
        await WaitUntilReadyAsync();
    }

    private Process Launch()
    {
        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string[] arguments = ["--port", Port.ToString(), "--bind", "127.0.0.1", "--dir", _directory.FullName, "--save", "", "--appendonly", _persistent ? "yes" : "no"];
        foreach (var argument in Password is null ? arguments : [.. arguments, "--requirepass", Password])
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    public async Task<ConnectionMultiplexer> ConnectAsync() =>
        await ConnectionMultiplexer.ConnectAsync($"{ConnectionString},abortConnect=false");

    private async Task WaitUntilReadyAsync()
    {
        using var connection = await ConnectAsync();
        await Wait.UntilAsync(
            async () =>
            {
                try
                {
                    await connection.GetDatabase().PingAsync();
                    return true;
                }
                catch (RedisException)
                {
                    return false;
                }
            },
            ready => ready || _process.HasExited,
            TimeSpan.FromSeconds(15),
            "redis-server to answer PING");
        if (_process.HasExited)
        {
            throw new InvalidOperationException($"redis-server exited with code {_process.ExitCode}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        _directory.Delete(recursive: true);
    }
}
