using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using OrleansNlp.Datasets;
using OrleansNlp.Tests.Infrastructure;

namespace OrleansNlp.Tests;

/// <summary>Dataset jobs through REST against a real OpenAI-compatible server that answers with schema-shaped rows
/// (and, scripted, with invalid rows, duplicates, a 429 and a malformed body): row counts, types, enums, required
/// fields, chunked calls, progress with row counts, paging, CSV and JSON Lines export.</summary>
[Collection(LlmWebCollection.Name)]
[Trait(TestCategory.Trait, TestCategory.Api)]
public sealed class DatasetsApiTests(LlmWebFixture fixture)
{
    private readonly HttpClient _http = fixture.Factory.CreateClient();

    private FakeOpenAiServer Server => fixture.Server;

    [Fact]
    public async Task A_dataset_has_the_rows_asked_for_each_valid_against_the_schema_in_chunked_calls()
    {
        var token = Guid.NewGuid().ToString("N");

        var job = await _http.FinalJobAsync(await _http.SubmitDatasetAsync(DatasetRequests.Body($"water treatment in specialty crops {token}", 12)));

        Assert.True(job.Status() == "completed", job.ToString());
        Assert.Equal(("dataset", "done", 12, 12), (job.GetProperty("kind").GetString(), job.GetProperty("stage").GetString(),
            job.GetProperty("total").GetInt32(), job.GetProperty("completed").GetInt32()));
        var result = job.GetProperty("result");
        Assert.Equal("TreatmentTechnologies", result.GetProperty("name").GetString());
        Assert.Equal(FakeOpenAiServer.AnsweringModel, result.GetProperty("model").GetString());
        Assert.Equal(8, result.GetProperty("fields").GetArrayLength());
        Assert.Empty(result.GetProperty("invalidRows").EnumerateArray());
        Assert.False(result.TryGetProperty("llm", out _));
        var rows = job.Rows();
        Assert.Equal(12, rows.Length);
        Assert.Equal(12, rows.Select(row => row.GetProperty("technology_id").GetString()).Distinct().Count());
        Assert.All(rows, row =>
        {
            Assert.Equal(JsonValueKind.String, row.GetProperty("name").ValueKind);
            Assert.True(row.GetProperty("adoption_year").TryGetInt64(out _));
            Assert.Equal(JsonValueKind.Number, row.GetProperty("cost_per_acre").ValueKind);
            Assert.Contains(row.GetProperty("organic").ValueKind, new[] { JsonValueKind.True, JsonValueKind.False });
            Assert.True(DateOnly.TryParseExact(row.GetProperty("first_reported").GetString(), "yyyy-MM-dd", out _));
            Assert.All(row.GetProperty("crops").EnumerateArray(), crop => Assert.Equal(JsonValueKind.String, crop.ValueKind));
            Assert.Contains(row.GetProperty("scale").GetString(), new[] { "lab", "pilot", "commercial" });
            Assert.Equal(8, row.EnumerateObject().Count());
        });
        // 12 rows at 5 per call: three calls, each with the JSON schema response format and its row count.
        var calls = Server.RequestsWith(token);
        Assert.Equal(3, calls.Count);
        Assert.All(calls, call => Assert.Equal(DatasetSchema.ResponseSchemaName, call.Schema));
        Assert.Equal(new[] { "5", "5", "2" }, calls.Select(call => call.Prompt.Split(DatasetPrompt.CountLine)[1].Split('\n')[0].Trim()));
        // Later calls list the rows the dataset already has, so that the model does not repeat them.
        Assert.Contains(rows[0].GetProperty("technology_id").GetString()!, calls[1].Prompt);
    }

    [Fact]
    public async Task A_hundred_row_dataset_of_six_fields_streams_progress_events_that_count_rows_through_its_stages()
    {
        var token = Guid.NewGuid().ToString("N");
        Server.Script(token, Enumerable.Range(0, 3).Select(_ => FakeReply.SlowSuccess(TimeSpan.FromMilliseconds(300))).ToArray());
        var fields = DatasetSamples.TreatmentFields.ToArray<object>();
        var jobId = await _http.SubmitDatasetAsync(DatasetRequests.Body($"progress {token}", 100, fields));

        using var response = await _http.GetAsync($"/api/jobs/{jobId}/events", HttpCompletionOption.ResponseHeadersRead);
        var body = await response.Content.ReadAsStringAsync().WaitAsync(HttpAssertions.JobPatience);

        var events = body.Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(block => JsonDocument.Parse(block.Split('\n').Single(line => line.StartsWith("data: "))["data: ".Length..]).RootElement)
            .ToArray();
        Assert.All(events, e => Assert.Equal(100, e.GetProperty("total").GetInt32()));
        var completed = events.Select(e => e.GetProperty("completed").GetInt32()).ToArray();
        Assert.Equal(completed.Order(), completed);
        Assert.Equal(100, completed[^1]);
        var messages = events.Select(e => e.GetProperty("message").GetString()).ToArray();
        Assert.Contains("Generating rows 6-10 of 100", messages);
        Assert.Contains("Generating rows 96-100 of 100", messages);
        var rows = (await _http.GetJobAsync(jobId)).Rows();
        Assert.Equal(100, rows.Select(row => row.GetProperty("technology_id").GetString()).Distinct().Count());
        Assert.All(rows, row => DatasetSamples.AssertFits(row, DatasetSamples.TreatmentFields));
        var stages = events.Select(e => e.GetProperty("stage").GetString()).Distinct().ToArray();
        Assert.Equal(new[] { "generation", "validation", "done" }, stages.Where(stage => stage != "schema_preparation" && stage != "queued"));
        Assert.Equal("completed", events[^1].GetProperty("status").GetString());
    }

    [Fact]
    public async Task Invalid_rows_are_regenerated_and_reported_with_what_is_wrong()
    {
        var token = Guid.NewGuid().ToString("N");
        var rows = new object[]
        {
            new { technology_id = "ok-1", name = "Drip", organic = true, scale = "pilot", adoption_year = 1990 },
            new { technology_id = "bad-year", name = "Ozone", organic = false, scale = "lab", adoption_year = "nineteen" },
            new { technology_id = "bad-scale", name = "UV", organic = true, scale = "galactic" },
            new { name = "No id", organic = true, scale = "lab" },
            new { technology_id = "ok-2", name = "Sand filter", organic = true, scale = "COMMERCIAL" },
        };
        Server.Script(token, FakeReply.Content(JsonSerializer.Serialize(new { rows })));

        var job = await _http.FinalJobAsync(await _http.SubmitDatasetAsync(DatasetRequests.Body($"invalid rows {token}", 5)));

        Assert.Equal("completed", job.Status());
        var ids = job.Rows().Select(row => row.GetProperty("technology_id").GetString()).ToArray();
        Assert.Equal(5, ids.Length);
        Assert.Equal(new[] { "ok-1", "ok-2" }, ids[..2]);
        Assert.Equal("commercial", job.Rows()[1].GetProperty("scale").GetString());
        var invalid = job.GetProperty("result").GetProperty("invalidRows").EnumerateArray().ToArray();
        Assert.Equal(3, invalid.Length);
        Assert.Contains("adoption_year", invalid[0].GetProperty("errors")[0].GetString());
        Assert.Equal("nineteen", invalid[0].GetProperty("row").GetProperty("adoption_year").GetString());
        Assert.Contains("scale", invalid[1].GetProperty("errors")[0].GetString());
        Assert.Equal("technology_id: required", invalid[2].GetProperty("errors")[0].GetString());
        Assert.Equal(2, Server.RequestsWith(token).Count);
    }

    [Fact]
    public async Task Duplicates_by_the_first_required_field_are_dropped_and_regenerated()
    {
        var token = Guid.NewGuid().ToString("N");
        var rows = new object[]
        {
            new { technology_id = "dup", name = "First", organic = true, scale = "lab" },
            new { technology_id = " DUP ", name = "Second", organic = true, scale = "lab" },
            new { technology_id = "dup", name = "Third", organic = true, scale = "lab" },
        };
        Server.Script(token, FakeReply.Content(JsonSerializer.Serialize(new { rows })));

        var job = await _http.FinalJobAsync(await _http.SubmitDatasetAsync(DatasetRequests.Body($"duplicates {token}", 3)));

        var kept = job.Rows();
        Assert.Equal(3, kept.Length);
        Assert.Equal("First", kept[0].GetProperty("name").GetString());
        Assert.Equal(3, kept.Select(row => row.GetProperty("technology_id").GetString()!.Trim().ToLowerInvariant()).Distinct().Count());
        Assert.Empty(job.GetProperty("result").GetProperty("invalidRows").EnumerateArray());
        var calls = Server.RequestsWith(token);
        Assert.Equal(2, calls.Count);
        Assert.Contains(DatasetPrompt.CountLine + "2", calls[1].Prompt);
    }

    [Fact]
    public async Task A_429_and_a_malformed_body_are_retried()
    {
        var token = Guid.NewGuid().ToString("N");
        Server.Script(token, FakeReply.Error(429, "slow down", retryAfter: "0"), FakeReply.Content("Sure! Here are your rows: technology one, two"));

        var job = await _http.FinalJobAsync(await _http.SubmitDatasetAsync(DatasetRequests.Body($"flaky {token}", 4)));

        Assert.Equal("completed", job.Status());
        Assert.Equal(4, job.Rows().Length);
        Assert.Equal(3, Server.RequestsWith(token).Count);
    }

    [Fact]
    public async Task A_model_that_never_answers_validly_fails_the_job_after_the_extra_calls_and_a_retry_starts_afresh()
    {
        var token = Guid.NewGuid().ToString("N");
        var bad = JsonSerializer.Serialize(new { rows = new object[] { new { technology_id = "x", name = "y", organic = "maybe", scale = "lab" } } });
        Server.Script(token, Enumerable.Range(0, 6).Select(_ => FakeReply.Content(bad)).ToArray());

        var job = await _http.FinalJobAsync(await _http.SubmitDatasetAsync(DatasetRequests.Body($"hopeless {token}", 2)));

        Assert.Equal("failed", job.Status());
        Assert.Contains("no valid row in 6 call(s)", job.GetProperty("error").GetString());
        Assert.Contains("organic", job.GetProperty("error").GetString());
        // One call for the two rows, then Datasets:ExtraCalls (5) more.
        Assert.Equal(6, Server.RequestsWith(token).Count);

        // An operator's retry gets a fresh budget of calls; the model now answers well.
        var retry = await _http.PostAsync($"/api/jobs/{job.GetProperty("jobId").GetString()}/retry", null);
        Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
        var retried = await _http.FinalJobAsync(job.GetProperty("jobId").GetString()!);
        Assert.Equal("completed", retried.Status());
        Assert.Equal(2, retried.Rows().Length);
        Assert.Equal(7, Server.RequestsWith(token).Count);
    }

    [Fact]
    public async Task Cancelling_stops_generation()
    {
        var token = Guid.NewGuid().ToString("N");
        Server.Script(token, FakeReply.SlowSuccess(TimeSpan.FromSeconds(30)));
        var jobId = await _http.SubmitDatasetAsync(DatasetRequests.Body($"cancel me {token}", 20));
        await Wait.UntilAsync(() => Task.FromResult(Server.RequestsWith(token).Count), count => count == 1, HttpAssertions.JobPatience,
            "the first generation call");

        var cancelled = await (await _http.DeleteAsync($"/api/jobs/{jobId}")).ReadJsonAsync();

        Assert.Equal(("cancelled", "generation"), (cancelled.Status(), cancelled.GetProperty("stage").GetString()));
        // Another dataset done after the cancel proves time passed in which a running generation would have called again.
        var control = await _http.FinalJobAsync(await _http.SubmitDatasetAsync(DatasetRequests.Body($"control {Guid.NewGuid():N}", 6)));
        Assert.Equal("completed", control.Status());
        Assert.Single(Server.RequestsWith(token));
        Assert.Equal("cancelled", (await _http.GetJobAsync(jobId)).Status());
    }

    [Fact]
    public async Task Rows_page_and_export_as_csv_with_quoting_and_as_json_lines()
    {
        var token = Guid.NewGuid().ToString("N");
        var rows = new object[]
        {
            new { technology_id = "t1", name = "Filters, sand and gravel", organic = true, scale = "lab", crops = new[] { "berries", "nuts" } },
            new { technology_id = "t2", name = "The \"best\" ozone", organic = false, scale = "pilot", cost_per_acre = 12.5 },
            new { technology_id = "t3", name = "Line one\nline two", organic = true, scale = "commercial", adoption_year = 2001 },
        };
        Server.Script(token, FakeReply.Content(JsonSerializer.Serialize(new { rows })));
        var jobId = await _http.SubmitDatasetAsync(DatasetRequests.Body($"export {token}", 3, name: "Exported"));
        await _http.FinalJobAsync(jobId);

        var page = await _http.GetFromJsonAsync<JsonElement>($"/api/datasets/{jobId}/rows?offset=1&limit=1");
        Assert.Equal((3, 1, 1), (page.GetProperty("total").GetInt32(), page.GetProperty("offset").GetInt32(), page.GetProperty("limit").GetInt32()));
        Assert.Equal("t2", page.GetProperty("rows").EnumerateArray().Single().GetProperty("technology_id").GetString());

        using var csv = await _http.GetAsync($"/api/datasets/{jobId}.csv");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        Assert.Equal("Exported.csv", csv.Content.Headers.ContentDisposition!.FileName?.Trim('"'));
        var records = Csv.Parse(await csv.Content.ReadAsStringAsync());
        Assert.Equal(new[] { "technology_id", "name", "adoption_year", "cost_per_acre", "organic", "first_reported", "crops", "scale" }, records[0]);
        Assert.Equal(4, records.Count);
        Assert.Equal(new[] { "t1", "Filters, sand and gravel", "", "", "true", "", "berries; nuts", "lab" }, records[1]);
        Assert.Equal("The \"best\" ozone", records[2][1]);
        Assert.Equal("12.5", records[2][3]);
        Assert.Equal("Line one\nline two", records[3][1]);

        using var jsonl = await _http.GetAsync($"/api/datasets/{jobId}.jsonl");
        Assert.Equal("application/x-ndjson", jsonl.Content.Headers.ContentType!.MediaType);
        var lines = (await jsonl.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(new[] { "t1", "t2", "t3" }, lines.Select(line => JsonDocument.Parse(line).RootElement.GetProperty("technology_id").GetString()));
    }

    [Fact]
    public async Task Rows_of_a_running_dataset_or_a_text_job_are_409_and_of_an_unknown_job_404()
    {
        var token = Guid.NewGuid().ToString("N");
        Server.Script(token, FakeReply.SlowSuccess(TimeSpan.FromSeconds(5)));
        var running = await _http.SubmitDatasetAsync(DatasetRequests.Body($"running {token}", 5));
        var textJob = await _http.SubmitJobAsync($"Just a text job {token}");

        await HttpAssertions.AssertProblemAsync(await _http.GetAsync($"/api/datasets/{running}/rows"), HttpStatusCode.Conflict);
        await HttpAssertions.AssertProblemAsync(await _http.GetAsync($"/api/datasets/{running}.csv"), HttpStatusCode.Conflict);
        await _http.FinalJobAsync(textJob);
        await HttpAssertions.AssertProblemAsync(await _http.GetAsync($"/api/datasets/{textJob}/rows"), HttpStatusCode.Conflict);
        await HttpAssertions.AssertProblemAsync(await _http.GetAsync($"/api/datasets/{Guid.NewGuid():N}.jsonl"), HttpStatusCode.NotFound);
        await HttpAssertions.AssertProblemAsync(await _http.GetAsync($"/api/datasets/{running}/rows?limit=0"), HttpStatusCode.BadRequest, "limit");
        await HttpAssertions.AssertProblemAsync(await _http.GetAsync($"/api/datasets/{running}/rows?offset=-1"), HttpStatusCode.BadRequest, "offset");
        await _http.FinalJobAsync(running);
    }

    [Fact]
    public async Task A_form_encoded_submission_works_like_json()
    {
        var token = Guid.NewGuid().ToString("N");
        var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["user_query"] = $"water treatment technologies used in specialty crop production {token}",
            ["rows"] = "7",
            ["model_name"] = "TreatmentTechnologies",
            ["field_definitions_json_str"] = JsonSerializer.Serialize(DatasetRequests.SixFields),
            ["client_id"] = "lab-42",
            ["priority"] = "high",
            ["metadata"] = """{"lab":"42"}""",
        });

        var response = await _http.PostAsync("/api/datasets", form);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var accepted = await response.ReadJsonAsync();
        Assert.Equal("lab-42", accepted.GetProperty("clientId").GetString());
        Assert.Equal("high", accepted.GetProperty("priority").GetString());
        Assert.Equal("42", accepted.GetProperty("metadata").GetProperty("lab").GetString());
        var job = await _http.FinalJobAsync(accepted.GetProperty("jobId").GetString()!);
        Assert.Equal(7, job.Rows().Length);
        Assert.Equal("TreatmentTechnologies", job.GetProperty("result").GetProperty("name").GetString());
    }

    [Fact]
    public async Task The_same_idempotency_key_returns_the_same_dataset_job()
    {
        var body = DatasetRequests.Body($"idempotent {Guid.NewGuid():N}", 2);
        var key = Guid.NewGuid().ToString("N");

        var first = await PostWithKeyAsync(body, key);
        var second = await PostWithKeyAsync(body, key);
        var different = await PostWithKeyAsync(DatasetRequests.Body("another query", 2), key);

        Assert.Equal((HttpStatusCode.Accepted, HttpStatusCode.OK, HttpStatusCode.UnprocessableEntity), (first.StatusCode, second.StatusCode, different.StatusCode));
        Assert.Equal((await first.ReadJsonAsync()).GetProperty("jobId").GetString(), (await second.ReadJsonAsync()).GetProperty("jobId").GetString());
    }

    private Task<HttpResponseMessage> PostWithKeyAsync(object body, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/datasets") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return _http.SendAsync(request);
    }
}
