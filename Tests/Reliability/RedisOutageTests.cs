using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Orleans.TestingHost;
using OrleansNlp.Tests.Infrastructure;

namespace OrleansNlp.Tests;

/// <summary>The frontend as a cluster client in front of silos on a password-protected Redis that goes away and comes back.</summary>
[Trait(TestCategory.Trait, TestCategory.Reliability)]
public sealed class RedisOutageTests : IAsyncLifetime
{
    private const string Password = "s3cret-redis-password-9f2c";
    private RedisServer _redis = null!;
    private TestCluster _cluster = null!;
    private ClusterClientWebFactory _web = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync(password: Password, persistent: true);
        var builder = TestClusters.OnRedis(_redis).With(TestSettings.QuickJobs());
        builder.Options.ConnectionTransport = ConnectionTransportType.TcpSocket;
        _cluster = builder.Build();
        await _cluster.DeployAsync();
        _web = new ClusterClientWebFactory(_cluster, _redis);
        _http = _web.CreateClient();
    }

    public async Task DisposeAsync()
    {
        await _web.DisposeAsync();
        await _cluster.StopAllSilosAsync();
        await _cluster.DisposeAsync();
        await _redis.DisposeAsync();
    }

    private Task<HttpResponseMessage> SubmitAsync(string text) => _http.PostAsJsonAsync("/api/jobs", new { text });

    private async Task<string> WaitForFinalStatusAsync(Uri location) =>
        (await _http.FinalJobAsync(location, TimeSpan.FromSeconds(60))).Status();

    [Fact]
    public async Task WhileRedisIsDown_SubmitAnswers503Quickly_AndWorkResumesWhenItReturns()
    {
        var before = await SubmitAsync("Redis is up and this job runs normally.");
        Assert.Equal(HttpStatusCode.Accepted, before.StatusCode);
        Assert.Equal("completed", await WaitForFinalStatusAsync(before.Headers.Location!));

        await _redis.StopAsync();
        var clock = Stopwatch.StartNew();
        var during = await SubmitAsync("Redis is down: this job cannot be accepted.");
        var answeredAfter = clock.Elapsed;

        await AssertProblemAsync(during, HttpStatusCode.ServiceUnavailable);
        Assert.True(answeredAfter < TimeSpan.FromSeconds(15), $"503 took {answeredAfter}");
        Assert.True(during.Headers.RetryAfter?.Delta > TimeSpan.Zero, "a Retry-After header is expected");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await _http.GetAsync("/health")).StatusCode);

        await _redis.RestartAsync();
        var after = await Wait.UntilAsync(
            () => SubmitAsync("Redis is back: work resumes without manual steps."),
            response => response.StatusCode == HttpStatusCode.Accepted,
            TimeSpan.FromSeconds(60),
            "submissions to be accepted again");
        Assert.Equal("completed", await WaitForFinalStatusAsync(after.Headers.Location!));
        Assert.Equal("completed", (await _http.GetFromJsonAsync<JsonElement>(before.Headers.Location!)).Status());

        Assert.DoesNotContain(_web.Logs.Lines, line => line.Contains(Password));
        Assert.DoesNotContain(Password, await (await _http.GetAsync("/health")).Content.ReadAsStringAsync());
    }
}
