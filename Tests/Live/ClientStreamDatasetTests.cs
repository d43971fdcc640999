using System.Net;
using System.Net.Http.Json;
using OrleansNlp.Contracts;
using OrleansNlp.Tests.Infrastructure;

namespace OrleansNlp.Tests;

/// <summary>A client's stream carries its dataset jobs like its text jobs (with row counts), through the typed client,
/// against the fake OpenAI-compatible server.</summary>
[Collection(LlmWebCollection.Name)]
[Trait(TestCategory.Trait, TestCategory.Live)]
public sealed class ClientStreamDatasetTests(LlmWebFixture fixture)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(1);
    private readonly HttpClient _http = fixture.Factory.CreateClient();

    [Fact]
    public async Task AClientsDatasetAndTextJobs_ArriveOnItsStream_TheDatasetWithItsRowCounts()
    {
        var clientId = $"datasets-{Guid.NewGuid():N}";
        var token = Guid.NewGuid().ToString("N");
        var textToken = Guid.NewGuid().ToString("N");
        // Both jobs wait in their generation calls until the stream is open: a watcher hears only of jobs unfinished
        // when it subscribes (their snapshots) and of what happens after.
        var watching = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        fixture.Server.Script(token, FakeReply.Held(watching.Task), FakeReply.Held(watching.Task));
        fixture.Server.Script(textToken, FakeReply.Held(watching.Task));
        var dataset = await _http.SubmitDatasetAsync(DatasetRequests.Body($"client stream {token}", 8, clientId: clientId));
        var text = await _http.SubmitClientJobAsync(clientId, $"{textToken} A text job beside the dataset.");
        await _http.WaitForJobAsync(dataset, job => job.Status() == "processing", "the dataset to run");
        await _http.WaitForJobAsync(text, job => job.Status() == "processing", "the text job to run");
        using var nlp = fixture.Factory.CreateNlpClient();
        using var cts = new CancellationTokenSource(Timeout);
        await using var stream = nlp.WatchClientAsync(clientId, cts.Token).GetAsyncEnumerator(cts.Token);

        var received = new List<JobProgress>();
        var open = new HashSet<string> { dataset, text };
        while (open.Count > 0 && await stream.MoveNextAsync())
        {
            received.Add(stream.Current);
            if (received.Select(e => e.JobId).Distinct().Count() == 2)
            {
                watching.TrySetResult();
            }

            if (stream.Current.IsFinal)
            {
                open.Remove(stream.Current.JobId);
            }
        }

        ClientStreamRequests.AssertEveryJobInOrder(received.Select(e => e.Key()));
        Assert.Equal(new[] { dataset, text }.Order(), received.Select(e => e.JobId).Distinct().Order());
        var rows = received.Where(e => e.JobId == dataset).ToArray();
        Assert.Equal(JobStatus.Processing, rows[0].Status);
        Assert.All(rows, e => Assert.Equal(8, e.Total));
        Assert.Equal(8, rows[^1].Completed);
        Assert.Equal(JobStatus.Completed, rows[^1].Status);
        Assert.All(received.Where(e => e.JobId == text), e => Assert.Null(e.Total));
    }

    [Fact]
    public async Task ADatasetWithABadClientId_IsRefusedWith400NamingClientId()
    {
        var response = await _http.PostAsJsonAsync("/api/datasets", DatasetRequests.Body("a query", 3, clientId: "not valid/at all"));

        await HttpAssertions.AssertProblemAsync(response, HttpStatusCode.BadRequest, "clientId");
    }
}
