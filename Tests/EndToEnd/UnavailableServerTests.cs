using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using OrleansNlp.Cli;
using OrleansNlp.Client;
using OrleansNlp.Contracts;
using OrleansNlp.Models;
using OrleansNlp.Tests.Infrastructure;

namespace OrleansNlp.Tests;

/// <summary>Waiting for a job goes on through a 503 (storage or a silo briefly down: the job goes on), in the client and
/// in the command line. Against a stand-in server that answers a job's second read with 503 and its third as completed,
/// and whose progress hub fails every subscription as a server error (not a refusal).</summary>
[Trait(TestCategory.Trait, TestCategory.EndToEnd)]
public sealed class UnavailableServerTests : IAsyncLifetime
{
    private readonly ConcurrentDictionary<string, int> _reads = new();
    private WebApplication _server = null!;

    private Uri Address => new(_server.Urls.Single());

    public async Task InitializeAsync()
    {
        _server = LoopbackApp.Create(services => services.AddSignalR());
        _server.MapHub<FailingHub>("/hubs/jobs");
        // A client's event stream that something between ends after one event (a proxy's idle timeout).
        _server.MapGet("/api/clients/{clientId}/events", async (string clientId, HttpContext http) =>
        {
            http.Response.ContentType = "text/event-stream";
            var progress = JobProgress.From(Job(Guid.NewGuid().ToString("N"), JobStatus.Processing));
            await http.Response.WriteAsync($"event: progress\ndata: {System.Text.Json.JsonSerializer.Serialize(progress, JsonDefaults.Options)}\n\n");
        });
        _server.MapGet("/api/jobs/{jobId}", (string jobId) => _reads.AddOrUpdate(jobId, 1, (_, n) => n + 1) switch
        {
            1 => Results.Json(Job(jobId, JobStatus.Processing), JsonDefaults.Options),
            2 => Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Job storage is unavailable"),
            _ => Results.Json(Job(jobId, JobStatus.Completed), JsonDefaults.Options),
        });
        await _server.StartAsync();
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task TheClientsWait_GoesOnThroughA503()
    {
        var jobId = Guid.NewGuid().ToString("N");
        using var client = new OrleansNlpClient(new OrleansNlpClientOptions { BaseAddress = Address });

        var job = await client.WaitAsync(jobId, TimeSpan.FromMilliseconds(20), TimeSpan.FromSeconds(30));

        Assert.Equal(JobStatus.Completed, job.Status);
        Assert.Equal(3, _reads[jobId]);
    }

    [Fact]
    public async Task TheClientsWatch_ReportsAHubThatFailsToSubscribe_AsALostConnection()
    {
        using var client = new OrleansNlpClient(new OrleansNlpClientOptions { BaseAddress = Address });

        var failure = await Assert.ThrowsAsync<IOException>(async () =>
        {
            await foreach (var _ in client.WatchAsync(Guid.NewGuid().ToString("N")))
            {
            }
        });

        Assert.Contains("could not subscribe", failure.Message);
    }

    [Fact]
    public async Task AClientsEventStreamThatEnds_IsReportedAsCut_SoTheCallerCallsAgain()
    {
        using var client = new OrleansNlpClient(new OrleansNlpClientOptions { BaseAddress = Address });
        var seen = 0;

        var cut = await Assert.ThrowsAsync<IOException>(async () =>
        {
            await foreach (var _ in client.WatchClientAsync("lab-7"))
            {
                seen++;
            }
        });

        Assert.Equal(1, seen);
        Assert.Contains("lab-7", cut.Message);
    }

    [Fact]
    public async Task TheCommandLinesWatch_PollsThroughA503()
    {
        // The hub fails: the command line polls, and the 503 between two answers does not end the wait.
        var jobId = Guid.NewGuid().ToString("N");
        var output = new StringWriter();
        var error = new StringWriter();
        var host = new CliHost(output, error, _ => null, options => new OrleansNlpClient(options));

        var exitCode = await new CliApp(host).RunAsync(["watch", jobId, "--url", Address.ToString(), "--timeout", "60"]);

        Assert.True(exitCode == ExitCodes.Ok, $"exit code {exitCode}: {error}");
        Assert.Contains("polling instead", error.ToString());
        Assert.Contains("retrying", error.ToString());
        Assert.True(_reads[jobId] >= 3);
    }

    private static JobResponse Job(string jobId, JobStatus status) =>
        ContractJsonTests.CompletedSnapshot().ToResponse() with
        {
            JobId = jobId,
            Status = status,
            Stage = status == JobStatus.Completed ? JobStage.Done : JobStage.Embedding,
            Result = status == JobStatus.Completed ? ContractJsonTests.CompletedSnapshot().ToResponse().Result : null,
        };

    /// <summary>A hub whose subscriptions fail as the real one's do when storage is down: SignalR's generic error.</summary>
    public sealed class FailingHub : Hub
    {
        public Task Subscribe(string jobId) => throw new InvalidOperationException("injected: storage unavailable");
    }
}
