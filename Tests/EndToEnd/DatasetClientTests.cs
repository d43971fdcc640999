using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using OrleansNlp.Client;
using OrleansNlp.Contracts;
using OrleansNlp.Tests.Infrastructure;

namespace OrleansNlp.Tests;

/// <summary>The typed client's dataset methods against the embedded frontend whose "openai" provider is a
/// <see cref="FakeOpenAiServer"/> answering with schema-shaped rows.</summary>
[Trait(TestCategory.Trait, TestCategory.EndToEnd)]
[Collection(LlmWebCollection.Name)]
public sealed class DatasetClientTests(LlmWebFixture fixture)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly OrleansNlpClient _client = fixture.Factory.CreateNlpClient();

    [Fact]
    public async Task SubmitDatasetAsync_ThenWatch_CountsRowsUpToTheTotal_AndGetRowsPagesEveryValidRow()
    {
        var submitted = await _client.SubmitDatasetAsync(DatasetSamples.Request(rows: 100, name: "TreatmentTechnologies"));

        Assert.Equal(JobStatus.Pending, submitted.Status);
        Assert.Equal("dataset", submitted.Kind);
        Assert.Equal(100, submitted.Total);
        var events = new List<JobProgress>();
        using (var watching = new CancellationTokenSource(Patience))
        {
            await foreach (var progress in _client.WatchAsync(submitted.JobId, watching.Token))
            {
                events.Add(progress);
            }
        }

        var last = events[^1];
        Assert.Equal(JobStatus.Completed, last.Status);
        Assert.Equal((100, 100), (last.Total, last.Completed));
        Assert.All(events, progress => Assert.Equal(100, progress.Total));
        var counts = events.Select(progress => progress.Completed ?? 0).ToList();
        Assert.Equal(counts.Order(), counts);

        var page = await _client.GetRowsAsync(submitted.JobId, offset: 10, limit: 10);
        var rows = await _client.GetAllRowsAsync(submitted.JobId, pageSize: 33).ToListAsync();

        Assert.NotNull(page);
        Assert.Equal((submitted.JobId, 10, 100), (page.JobId, page.Offset, page.Total));
        Assert.Equal(10, page.Rows.Count);
        Assert.Equal(100, rows.Count);
        Assert.All(rows, row => DatasetSamples.AssertFits(row, DatasetSamples.TreatmentFields));
        Assert.Equal(100, rows.Select(row => row.GetProperty("technology_id").GetString()).Distinct().Count());
        Assert.True(JsonNode.DeepEquals(JsonSerializer.SerializeToNode(rows.Skip(10).Take(10)), JsonSerializer.SerializeToNode(page.Rows)),
            "A page holds the rows at its offset.");
        var job = await _client.GetAsync(submitted.JobId);
        Assert.Equal("TreatmentTechnologies", job!.Result!.Name);
        Assert.Equal(100, job.Result.Rows!.Count);
        Assert.Equal(DatasetSamples.TreatmentFields.Select(field => field.Name), job.Result.Fields!.Select(field => field.Name));
    }

    [Fact]
    public async Task DownloadCsvAsync_AndDownloadJsonlAsync_WriteEveryRow_ThatParseBackToTheRows()
    {
        var submitted = await _client.SubmitDatasetAsync(DatasetSamples.Request(rows: 12, name: "Exported"));
        var job = await _client.WaitAsync(submitted.JobId, TimeSpan.FromMilliseconds(100), Patience);
        Assert.Equal(JobStatus.Completed, job.Status);
        var rows = await _client.GetAllRowsAsync(submitted.JobId).ToListAsync();

        using var csv = new MemoryStream();
        using var jsonl = new MemoryStream();
        await _client.DownloadCsvAsync(submitted.JobId, csv);
        await _client.DownloadJsonlAsync(submitted.JobId, jsonl);

        var records = Csv.Parse(Encoding.UTF8.GetString(csv.ToArray()));
        Assert.Equal(DatasetSamples.TreatmentFields.Select(field => field.Name!), records[0]);
        Assert.Equal(rows.Count, records.Count - 1);
        for (var i = 0; i < rows.Count; i++)
        {
            Assert.Equal(rows[i].GetProperty("technology_id").GetString(), records[i + 1][0]);
            Assert.Equal(rows[i].GetProperty("cost").GetString(), records[i + 1][5]);
        }

        var lines = Encoding.UTF8.GetString(jsonl.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(rows.Count, lines.Length);
        Assert.All(lines.Zip(rows), pair => Assert.True(JsonNode.DeepEquals(JsonNode.Parse(pair.First), JsonSerializer.SerializeToNode(pair.Second)),
            $"JSON Lines {pair.First} differs from the row {pair.Second}"));
    }

    [Fact]
    public async Task SubmitDatasetAsync_WithAnUnknownFieldType_ThrowsAnApiExceptionNamingTheField()
    {
        var fields = new[] { new DatasetField("id", DatasetFieldTypes.Str, Required: true), new DatasetField("price", "decimal") };

        var exception = await Assert.ThrowsAsync<OrleansNlpApiException>(() =>
            _client.SubmitDatasetAsync(new SubmitDatasetRequest("prices of things", 5, "Prices", fields)));

        Assert.Equal(HttpStatusCode.BadRequest, exception.StatusCode);
        Assert.Contains(exception.Errors.Keys, key => key.Equals("fields[1].type", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task GetRowsAsync_ReturnsNullForAnUnknownJob_AndTheDownloadsThrowNotFound()
    {
        var jobId = Guid.NewGuid().ToString("N");

        var rows = await _client.GetRowsAsync(jobId);
        var csv = await Assert.ThrowsAsync<OrleansNlpApiException>(() => _client.DownloadCsvAsync(jobId, Stream.Null));
        var jsonl = await Assert.ThrowsAsync<OrleansNlpApiException>(() => _client.DownloadJsonlAsync(jobId, Stream.Null));

        Assert.Null(rows);
        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (csv.StatusCode, jsonl.StatusCode));
    }

    [Fact]
    public async Task GetRowsAsync_WhileTheDatasetIsGenerating_ThrowsConflict()
    {
        var request = DatasetSamples.Request(rows: 5, name: "Slow");
        fixture.Server.Script(request.Query!, FakeReply.SlowSuccess(TimeSpan.FromSeconds(3)));
        var submitted = await _client.SubmitDatasetAsync(request);

        var exception = await Assert.ThrowsAsync<OrleansNlpApiException>(() => _client.GetRowsAsync(submitted.JobId));
        var csv = await Assert.ThrowsAsync<OrleansNlpApiException>(() => _client.DownloadCsvAsync(submitted.JobId, Stream.Null));

        Assert.Equal((HttpStatusCode.Conflict, HttpStatusCode.Conflict), (exception.StatusCode, csv.StatusCode));
        Assert.Equal(JobStatus.Completed, (await _client.WaitAsync(submitted.JobId, TimeSpan.FromMilliseconds(100), Patience)).Status);
    }
}
