using System.Net;

namespace OrleansNlp.Bench;

/// <summary>The harness's one HTTP client: keep-alive connections, enough of them for every submission in flight,
/// no proxy, no cookies, no decompression.</summary>
public static class BenchHttp
{
    public static HttpClient Create(int concurrency) => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = concurrency + 32,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(2),
        ConnectTimeout = TimeSpan.FromSeconds(10),
        UseProxy = false,
        UseCookies = false,
        AutomaticDecompression = DecompressionMethods.None,
    })
    {
        Timeout = TimeSpan.FromSeconds(60),
    };
}
